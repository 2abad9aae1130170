export { etagFor } from './etag.js';
export {
  DEFAULT_ICS_TIMEZONE,
  type IcsCalendar,
  type IcsEvent,
  type IcsEventStatus,
  type IcsProblem,
} from './ics-model.js';
export { DEFAULT_FORBIDDEN_PATTERNS, EMAIL_PATTERN, type IcsValidationOptions, validateIcs } from './ics-validator.js';
export { ICS_PRODID, ICS_RENDER_VERSION, type RenderIcsOptions, renderIcs } from './render-ics.js';
