/** Every BullMQ queue of the service, with the payload of its jobs. */
export enum QueueName {
  CapacityAllocation = 'capacity-allocation',
}

export enum CapacityJobName {
  Allocate = 'allocate',
}

export interface CapacityAllocationJobData {
  allocationId: string;
  /** The parameters' key: the worker also runs a later request with the same parameters that found this job still in Redis. */
  paramsKey: string;
}
