import { BookingSchema1763900200000 } from './1763900200000-booking-schema.js';
import { BookingReferenceData1763900200001 } from './1763900200001-booking-reference-data.js';
import { SessionFitsRoom1763900700000 } from './1763900700000-session-fits-room.js';
import { BookingItemConsistency1763900800000 } from './1763900800000-booking-item-consistency.js';
import { BookingTargetOpen1764100000000 } from './1764100000000-booking-target-open.js';
import { AppointmentTimes1764200000000 } from './1764200000000-appointment-times.js';
import { DropNotificationEvent1767300000001 } from './1767300000001-drop-notification-event.js';
import { StatusTransitions1767300000002 } from './1767300000002-status-transitions.js';

export const bookingMigrations = [
  BookingSchema1763900200000,
  BookingReferenceData1763900200001,
  SessionFitsRoom1763900700000,
  BookingItemConsistency1763900800000,
  BookingTargetOpen1764100000000,
  AppointmentTimes1764200000000,
  DropNotificationEvent1767300000001,
  StatusTransitions1767300000002,
];
