import { MAX_BATCH, jobShape, jobShapes, retryDelayMs } from './job-shape.js';

describe('jobShape', () => {
  it('fills jobs up to the batch size and starts as many a second as the message rate allows', () => {
    expect(jobShape(10_000)).toEqual({ batchSize: MAX_BATCH, limiter: { max: 200, duration: 1000 } });
    expect(jobShape(100)).toEqual({ batchSize: 50, limiter: { max: 2, duration: 1000 } });
    expect(jobShape(50)).toEqual({ batchSize: 50, limiter: { max: 1, duration: 1000 } });
  });

  it('never lets more messages a second through than the limit', () => {
    for (let perSecond = 1; perSecond <= 1000; perSecond++) {
      const { batchSize, limiter } = jobShape(perSecond);
      expect(batchSize).toBeGreaterThanOrEqual(1);
      expect(batchSize).toBeLessThanOrEqual(MAX_BATCH);
      expect((batchSize * limiter.max * 1000) / limiter.duration).toBeLessThanOrEqual(perSecond);
    }
  });

  it('gives a slow channel jobs of one second of messages', () => {
    expect(jobShape(10)).toEqual({ batchSize: 10, limiter: { max: 1, duration: 1000 } });
    expect(jobShape(1)).toEqual({ batchSize: 1, limiter: { max: 1, duration: 1000 } });
    // 120/s: 2 jobs of 50 (100/s), rounded down rather than over the limit.
    expect(jobShape(120)).toEqual({ batchSize: 50, limiter: { max: 2, duration: 1000 } });
  });

  it('shapes each channel by its own rate', () => {
    expect(jobShapes({ email: 50, sms: 10, push: 50 })).toMatchObject({
      email: { batchSize: 50 },
      sms: { batchSize: 10 },
      push: { batchSize: 50 },
    });
  });
});

describe('retryDelayMs', () => {
  it('doubles after each attempt', () => {
    expect([1, 2, 3, 4].map((a) => retryDelayMs(a, 2000))).toEqual([2000, 4000, 8000, 16000]);
  });
});
