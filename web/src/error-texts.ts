/**
 * Every error `code` the API can answer with, in Danish and English: the API's own `message` is English and
 * written for developers, so the app never shows it. `retry`: trying again (now or in a moment) can help.
 * test/tooling/error-texts.test.ts checks that every code defined in src/ has a text here.
 */
export interface ErrorText {
  da: string;
  en: string;
  retry?: boolean;
}

export const ERROR_TEXTS: Record<string, ErrorText> = {
  // The app's own: no answer at all, or an answer without a code.
  NETWORK: {
    da: 'Der er ingen forbindelse til serveren. Tjek din internetforbindelse.',
    en: 'The server cannot be reached. Check your internet connection.',
    retry: true,
  },

  // Requests and sign-in
  BAD_REQUEST: { da: 'Forespørgslen kunne ikke læses.', en: 'The request could not be read.' },
  MALFORMED_JSON: { da: 'Forespørgslen kunne ikke læses.', en: 'The request could not be read.' },
  VALIDATION_FAILED: {
    da: 'Nogle af felterne er ikke udfyldt rigtigt.',
    en: 'Some of the fields are not filled in correctly.',
  },
  INVALID_ID: {
    da: 'Adressen peger på noget, der ikke findes.',
    en: 'The address points to something that does not exist.',
  },
  UNAUTHENTICATED: { da: 'Du er ikke logget ind. Log ind igen.', en: 'You are not signed in. Please sign in again.' },
  INVALID_TOKEN: { da: 'Dit log ind er udløbet. Log ind igen.', en: 'Your sign-in has expired. Please sign in again.' },
  FORBIDDEN: { da: 'Det har du ikke adgang til.', en: 'You do not have access to this.' },
  OTHER_DEPARTMENT: {
    da: 'Det hører til en anden afdeling, som du ikke har adgang til.',
    en: 'This belongs to another department you do not have access to.',
  },
  NOT_FOUND: {
    da: 'Det findes ikke (længere), eller du har ikke adgang til det.',
    en: 'It does not exist (any more), or you do not have access to it.',
  },
  METHOD_NOT_ALLOWED: { da: 'Det kan ikke lade sig gøre her.', en: 'That cannot be done here.' },
  NOT_ACCEPTABLE: {
    da: 'Svaret findes ikke i det ønskede format.',
    en: 'The answer is not available in the requested format.',
  },
  PAYLOAD_TOO_LARGE: { da: 'Det, du sender, er for stort.', en: 'What you are sending is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { da: 'Filtypen kan ikke bruges her.', en: 'This file type cannot be used here.' },
  REQUEST_HEADER_FIELDS_TOO_LARGE: { da: 'Adressen er for lang.', en: 'The address is too long.' },
  REQUEST_TIMEOUT: {
    da: 'Det tog for lang tid at sende forespørgslen.',
    en: 'Sending the request took too long.',
    retry: true,
  },
  UNPROCESSABLE: { da: 'Det kan ikke lade sig gøre.', en: 'That cannot be done.' },
  CONFLICT: {
    da: 'Noget er ændret i mellemtiden. Hent siden igen.',
    en: 'Something changed in the meantime. Reload the page.',
    retry: true,
  },
  CONCURRENT_UPDATE: {
    da: 'En anden ændrede det samme på samme tid.',
    en: 'Someone else changed the same thing at the same time.',
    retry: true,
  },
  DUPLICATE: { da: 'Det findes allerede.', en: 'It already exists.' },
  REFERENCE_NOT_FOUND: { da: 'Noget, der henvises til, findes ikke.', en: 'Something referred to does not exist.' },
  CHECK_VIOLATION: { da: 'Værdierne passer ikke sammen.', en: 'The values do not fit together.' },
  RATE_LIMITED: {
    da: 'Du har sendt mange forespørgsler på kort tid. Vent lidt.',
    en: 'You have sent many requests in a short time. Please wait a little.',
    retry: true,
  },
  TOO_MANY_REQUESTS: {
    da: 'Du har sendt mange forespørgsler på kort tid. Vent lidt.',
    en: 'You have sent many requests in a short time. Please wait a little.',
    retry: true,
  },
  INTERNAL_ERROR: { da: 'Der skete en fejl på serveren.', en: 'Something went wrong on the server.', retry: true },
  SERVICE_UNAVAILABLE: {
    da: 'Tjenesten er ikke tilgængelig lige nu.',
    en: 'The service is not available right now.',
    retry: true,
  },
  BUSY: { da: 'Der er travlt på serveren lige nu.', en: 'The server is busy right now.', retry: true },
  DATABASE_UNAVAILABLE: {
    da: 'Tjenesten kan ikke nå sine data lige nu.',
    en: 'The service cannot reach its data right now.',
    retry: true,
  },
  QUEUE_UNAVAILABLE: {
    da: 'Beregningen kan ikke startes lige nu.',
    en: 'The calculation cannot be started right now.',
    retry: true,
  },
  IDEMPOTENCY_IN_FLIGHT: {
    da: 'Den samme forespørgsel er allerede i gang.',
    en: 'The same request is already in progress.',
    retry: true,
  },
  IDEMPOTENCY_KEY_REUSED: {
    da: 'Forespørgslen er allerede sendt med andet indhold.',
    en: 'The request was already sent with different content.',
  },
  INVALID_IDEMPOTENCY_KEY: { da: 'Forespørgslens nøgle er ugyldig.', en: 'The request key is not valid.' },

  // Booking a member
  MEMBER_NOT_ACTIVE: {
    da: 'Forløbet er afsluttet, så der kan ikke bookes noget.',
    en: 'The programme has ended, so nothing can be booked.',
  },
  MEMBER_ERASED: { da: 'Medlemmet er slettet.', en: 'The member has been erased.' },
  MEMBER_BUSY: {
    da: 'Du har allerede en anden aftale på det tidspunkt.',
    en: 'You already have another appointment at that time.',
  },
  MEMBER_NUMBER_TAKEN: {
    da: 'Der findes allerede et medlem med det medlemsnummer.',
    en: 'A member with this member number already exists.',
  },
  ITEM_CLOSED: { da: 'Denne aktivitet kan ikke bookes længere.', en: 'This activity can no longer be booked.' },
  ITEM_MISMATCH: { da: 'Tiden passer ikke til denne aktivitet.', en: 'This time does not fit this activity.' },
  ALREADY_BOOKED: { da: 'Aktiviteten er allerede booket.', en: 'This activity is already booked.' },
  ALREADY_IN_SESSION: { da: 'Du har allerede en plads på dette hold.', en: 'You already have a seat in this session.' },
  ALREADY_WAITING: {
    da: 'Du står allerede på ventelisten til dette hold.',
    en: 'You are already on the waiting list for this session.',
  },
  SLOT_TAKEN: {
    da: 'En anden har lige booket den tid. Vælg en anden.',
    en: 'Someone else has just booked this time. Please choose another.',
  },
  SLOT_CANCELLED: { da: 'Kontoret har aflyst den tid.', en: 'The office has cancelled this time.' },
  SESSION_FULL: {
    da: 'Holdet er fuldt. Du kan skrive dig på ventelisten.',
    en: 'The session is full. You can join the waiting list.',
  },
  SESSION_CANCELLED: { da: 'Holdet er aflyst.', en: 'The session has been cancelled.' },
  SESSION_MOVE_OUTSIDE_WINDOW: {
    da: 'Den nye tid ligger uden for en deltagers periode for aktiviteten. Holdet er ikke flyttet.',
    en: 'The new time is outside a participant’s period for the activity. The session was not moved.',
  },
  SESSION_STARTED: {
    da: 'Holdet er allerede begyndt og kan ikke længere flyttes eller aflyses.',
    en: 'The session has already started and can no longer be moved or cancelled.',
  },
  SESSION_TRANSITION_REFUSED: {
    da: 'Holdet kan ikke skifte til den status fra den, det har nu. Genindlæs siden.',
    en: 'The session cannot change to that status from the one it has now. Reload the page.',
  },
  PROGRAMME_ITEM_TRANSITION_REFUSED: {
    da: 'Aktiviteten i forløbet kan ikke skifte til den status fra den, den har nu. Genindlæs siden.',
    en: 'The programme activity cannot change to that status from the one it has now. Reload the page.',
  },
  SLOT_STARTED: {
    da: 'Tiden er allerede begyndt og kan ikke længere aflyses. Registrér fremmøde i stedet.',
    en: 'This time has already begun and can no longer be cancelled. Record attendance instead.',
  },
  NOTHING_TO_MOVE: { da: 'Angiv en ny start, slut eller et nyt lokale.', en: 'Give a new start, end or room.' },
  SEATS_AVAILABLE: {
    da: 'Der er ledige pladser på holdet – book en plads i stedet.',
    en: 'The session has free seats – book one instead.',
  },
  SAME_TARGET: { da: 'Du er allerede booket på den tid.', en: 'You are already booked at that time.' },
  BOOKING_NOT_ACTIVE: {
    da: 'Bookingen er ikke aktiv længere (aflyst eller afsluttet).',
    en: 'The booking is no longer active (cancelled or finished).',
  },
  IN_THE_PAST: { da: 'Tiden er allerede begyndt eller forbi.', en: 'This time has already started or passed.' },
  OUTSIDE_WINDOW: {
    da: 'Tiden ligger uden for den periode, aktiviteten skal holdes i.',
    en: 'This time is outside the period the activity must take place in.',
  },
  WINDOW_PASSED: {
    da: 'Fristen for denne aktivitet er overskredet. Kontakt din a-kasse.',
    en: 'The deadline for this activity has passed. Contact your fund.',
  },
  CHANNEL_NOT_ALLOWED: {
    da: 'Aktiviteten kan ikke holdes på den måde (fremmøde, telefon eller video).',
    en: 'The activity cannot be held that way (in person, phone or video).',
  },
  ACTIVITY_MISMATCH: { da: 'Tiden er til en anden aktivitet.', en: 'This time is for another activity.' },
  ACTIVITY_NOT_OFFERED: { da: 'Tiden er til en anden aktivitet.', en: 'This time is for another activity.' },
  ITEM_REBOOKED: {
    da: 'Medlemmet har booket aktiviteten igen efter udeblivelsen. Ret den nye booking i stedet.',
    en: 'The member has booked this activity again since the no-show. Correct the new booking instead.',
  },
  NOT_STARTED: {
    da: 'Fremmøde kan først registreres, når mødet er begyndt.',
    en: 'Attendance can be recorded once the meeting has started.',
  },

  // Slots, sessions, offices and staff
  STAFF_BUSY: { da: 'Medarbejderen er optaget på det tidspunkt.', en: 'The staff member is busy at that time.' },
  STAFF_ABSENT: { da: 'Medarbejderen er fraværende den dag.', en: 'The staff member is absent that day.' },
  STAFF_INACTIVE: { da: 'Medarbejderen er ikke længere aktiv.', en: 'The staff member is no longer active.' },
  STAFF_CANNOT_LEAD: {
    da: 'Medarbejderen har ikke en rolle, der kan holde denne aktivitet.',
    en: 'The staff member’s role cannot hold this activity.',
  },
  STAFF_LACKS_SKILL: {
    da: 'Medarbejderen mangler den kompetence, aktiviteten kræver.',
    en: 'The staff member lacks the skill this activity needs.',
  },
  STAFF_PLACEMENT_INVALID: {
    da: 'Medarbejderens kontor og afdeling passer ikke sammen.',
    en: 'The staff member’s office and department do not match.',
  },
  EMPLOYEE_NUMBER_TAKEN: {
    da: 'Medarbejdernummeret er allerede i brug.',
    en: 'The employee number is already in use.',
  },
  ABSENCE_OVERLAPS: { da: 'Fraværet overlapper et andet fravær.', en: 'The absence overlaps another absence.' },
  ROOM_BUSY: { da: 'Lokalet er optaget på det tidspunkt.', en: 'The room is in use at that time.' },
  ROOM_TOO_SMALL: { da: 'Lokalet har ikke pladser nok.', en: 'The room does not have enough seats.' },
  OFFICE_CLOSED: { da: 'Kontoret er lukket den dag.', en: 'The office is closed that day.' },
  PUBLIC_HOLIDAY: { da: 'Det er en helligdag.', en: 'That is a public holiday.' },
  OUTSIDE_OPENING_HOURS: {
    da: 'Tiden ligger uden for kontorets åbningstid.',
    en: 'The time is outside the office’s opening hours.',
  },
  INVALID_APPOINTMENT_TIMES: {
    da: 'En tid skal starte og slutte på et helt minut og vare mindst 10 minutter.',
    en: 'A time must start and end on a whole minute and last at least 10 minutes.',
  },
  NONEXISTENT_LOCAL_TIME: {
    da: 'Klokkeslættet findes ikke den dag (sommertid).',
    en: 'That time does not exist on that day (daylight saving).',
  },
  SLOT_TOO_LONG: { da: 'Tiden er for lang.', en: 'The time is too long.' },
  TOO_SHORT: { da: 'Tiden er for kort.', en: 'The time is too short.' },
  INVALID_PATTERN: { da: 'Mønsteret er ikke gyldigt.', en: 'The pattern is not valid.' },
  INVALID_PERIOD: { da: 'Slutdatoen ligger før startdatoen.', en: 'The end date is before the start date.' },
  INVALID_DATE: { da: 'Datoen er ikke gyldig.', en: 'The date is not valid.' },
  RANGE_TOO_LONG: { da: 'Vælg en kortere periode (højst et år).', en: 'Choose a shorter period (at most one year).' },
  DUPLICATE_DATE: { da: 'Den samme dato står der to gange.', en: 'The same date appears twice.' },
  DATE_OUTSIDE_YEAR: { da: 'Datoen ligger ikke i det valgte år.', en: 'The date is not in the chosen year.' },
  DUPLICATE_SESSION: { da: 'Holdet findes allerede.', en: 'The session already exists.' },
  INVALID_SESSION_SIZE: {
    da: 'Antal pladser skal være mindst det mindste antal deltagere.',
    en: 'The capacity must be at least the minimum number of participants.',
  },
  NOT_A_GROUP_ACTIVITY: {
    da: 'Aktiviteten holdes ikke som hold.',
    en: 'This activity is not held as a group session.',
  },
  BELOW_ACTIVITY_MINIMUM: { da: 'For få pladser til denne aktivitet.', en: 'Too few seats for this activity.' },
  ABOVE_ACTIVITY_MAXIMUM: { da: 'For mange pladser til denne aktivitet.', en: 'Too many seats for this activity.' },
  EXISTING_OVERBOOKED: {
    da: 'Der er allerede booket flere, end det nye antal tillader.',
    en: 'More are already booked than the new number allows.',
  },
  UNKNOWN_ACTIVITY: { da: 'Aktiviteten findes ikke.', en: 'The activity does not exist.' },
  UNKNOWN_OFFICE: { da: 'Kontoret findes ikke.', en: 'The office does not exist.' },
  UNKNOWN_DEPARTMENT: { da: 'Afdelingen findes ikke.', en: 'The department does not exist.' },
  UNKNOWN_ROOM: { da: 'Lokalet findes ikke.', en: 'The room does not exist.' },
  UNKNOWN_STAFF: { da: 'Medarbejderen findes ikke.', en: 'The staff member does not exist.' },
  UNKNOWN_TEAM: { da: 'Teamet findes ikke.', en: 'The team does not exist.' },
  UNKNOWN_MUNICIPALITY: { da: 'Kommunen findes ikke.', en: 'The municipality does not exist.' },
  NO_OFFICE: { da: 'Der er intet kontor at knytte det til.', en: 'There is no office to attach it to.' },

  // Calendar
  FEED_REVOKED: { da: 'Kalenderlinket er lukket.', en: 'The calendar link has been closed.' },
  FEED_SUBJECT_INVALID: {
    da: 'Kalenderlinket mangler, hvem det gælder.',
    en: 'The calendar link does not say whom it is for.',
  },

  // Capacity, forecast and optimiser
  NO_HISTORY: { da: 'Der er ingen historik at regne på endnu.', en: 'There is no history to calculate from yet.' },
  HISTORY_TOO_SHORT: { da: 'Historikken er for kort til en prognose.', en: 'The history is too short for a forecast.' },
  HORIZON_TOO_LONG: { da: 'Vælg en kortere periode.', en: 'Choose a shorter period.' },
  HORIZON_PASSED: { da: 'Perioden er allerede forbi.', en: 'The period has already passed.' },
  OUTSIDE_HORIZON: {
    da: 'Det ligger uden for den periode, der planlægges.',
    en: 'This is outside the period being planned.',
  },
  FORECAST_HORIZON_EXCEEDED: {
    da: 'Prognosen rækker ikke så langt frem.',
    en: 'The forecast does not reach that far ahead.',
  },
  PERIOD_BEFORE_FORECAST: { da: 'Perioden begynder før prognosen.', en: 'The period starts before the forecast.' },
  CSV_REQUIRED: { da: 'Vælg en CSV-fil.', en: 'Choose a CSV file.' },
  CSV_INVALID: { da: 'CSV-filen kan ikke læses.', en: 'The CSV file cannot be read.' },
  SCENARIO_NAME_TAKEN: {
    da: 'Der findes allerede et scenarie med det navn.',
    en: 'A scenario with this name already exists.',
  },
  NOT_A_LEADER_ROLE: {
    da: 'Kun rådgivere, jobkonsulenter og førledighedsmedarbejdere har en andel til kontaktforløb.',
    en: 'Only advisers, job consultants and pre-unemployment staff have a programme share.',
  },
  UNKNOWN_SCENARIO: { da: 'Scenariet findes ikke.', en: 'The scenario does not exist.' },
  NEAR_REQUIRED: { da: 'Vælg et sted at regne afstand fra.', en: 'Choose a place to measure distance from.' },
  ALLOCATION_NOT_DONE: {
    da: 'Fordelingen er ikke færdig endnu.',
    en: 'The allocation has not finished yet.',
    retry: true,
  },
  ALLOCATION_SUPERSEDED: {
    da: 'Fordelingen er erstattet af en nyere.',
    en: 'The allocation has been replaced by a newer one.',
  },
  ALLOCATION_ACCEPT_CONFLICT: {
    da: 'Fordelingen er ændret i mellemtiden.',
    en: 'The allocation changed in the meantime.',
  },
  RUN_NOT_DONE: { da: 'Optimeringen er ikke færdig endnu.', en: 'The optimisation has not finished yet.', retry: true },
  RUN_FINISHED: { da: 'Optimeringen er allerede afsluttet.', en: 'The optimisation has already finished.' },
  RUN_TRANSITION_REFUSED: {
    da: 'Optimeringen kan ikke skifte til den status fra den, den har nu. Genindlæs siden.',
    en: 'The optimisation cannot change to that status from the one it has now. Reload the page.',
  },
  ALLOCATION_TRANSITION_REFUSED: {
    da: 'Fordelingen kan ikke skifte til den status fra den, den har nu. Genindlæs siden.',
    en: 'The allocation cannot change to that status from the one it has now. Reload the page.',
  },
  RUN_IN_FLIGHT: { da: 'Der kører allerede en optimering.', en: 'An optimisation is already running.', retry: true },
  APPLY_IN_PROGRESS: { da: 'Forslaget er ved at blive gennemført.', en: 'The proposal is being applied.', retry: true },
  BELOW_MINIMUM: { da: 'Holdet har for få deltagere.', en: 'The session has too few participants.' },
  SESSION_MEMBERS_MISMATCH: {
    da: 'Forslaget passer ikke længere med medlemmerne. Kør optimeringen igen.',
    en: 'The proposal no longer matches the members. Run the optimisation again.',
  },
  ITEM_UNACCOUNTED: {
    da: 'Forslaget passer ikke længere med medlemmernes forløb. Kør optimeringen igen.',
    en: 'The proposal no longer matches the members’ programmes. Run the optimisation again.',
  },
  SUMMARY_MISMATCH: {
    da: 'Forslagets tal passer ikke sammen. Kør optimeringen igen.',
    en: 'The proposal’s figures do not add up. Run the optimisation again.',
  },
  // Sign-in and identities
  TOKEN_EXPIRED: { da: 'Dit log ind er udløbet. Log ind igen.', en: 'Your sign-in has expired. Please sign in again.' },
  SESSION_EXPIRED: { da: 'Din session er udløbet. Log ind igen.', en: 'Your session has ended. Please sign in again.' },
  CSRF_TOKEN_INVALID: {
    da: 'Ændringen kom ikke fra den side, du er logget ind på. Genindlæs siden og prøv igen.',
    en: 'This change did not come from the signed-in page. Reload the page and try again.',
    retry: true,
  },
  NOT_A_WEB_SESSION: { da: 'Det kan kun gøres fra webappen.', en: 'This can only be done from the web app.' },
  IDENTITY_NOT_LINKED: {
    da: 'Din konto er ikke knyttet endnu. Kontakt din a-kasse for en kode.',
    en: 'Your account is not linked yet. Ask your a-kasse for a link code.',
  },
  IDENTITY_ALREADY_LINKED: { da: 'Kontoen er allerede knyttet.', en: 'This account is already linked.' },
  IDENTITY_PROVIDER_UNAVAILABLE: {
    da: 'Log ind-tjenesten svarer ikke lige nu. Prøv igen om lidt.',
    en: 'The sign-in service cannot be reached right now. Please try again in a moment.',
    retry: true,
  },
  LINK_CODE_INVALID: {
    da: 'Koden er ukendt, brugt eller udløbet. Bed din a-kasse om en ny.',
    en: 'The code is unknown, used or expired. Ask your a-kasse for a new one.',
  },
  INSUFFICIENT_SCOPE: { da: 'Systemet har ikke adgang til dette.', en: 'The client lacks access to this.' },
  MEMBER_NOT_FOUND: { da: 'Medlemmet findes ikke.', en: 'No such member.' },
  // Messages
  PUSH_NOT_AVAILABLE: {
    da: 'Push-beskeder er ikke sat op på denne server.',
    en: 'Push notifications are not set up on this server.',
  },
  INVALID_PUSH_SUBSCRIPTION: {
    da: 'Browserens tilmelding til push-beskeder er ikke gyldig.',
    en: "The browser's push subscription is not valid.",
  },
  INVALID_UNSUBSCRIBE_TOKEN: {
    da: 'Linket til at framelde beskeder er ikke gyldigt.',
    en: 'This unsubscribe link is not valid.',
  },
  MESSAGE_NOT_DEAD: {
    da: 'Kun beskeder, der ikke kunne leveres, kan sendes igen.',
    en: 'Only messages that could not be delivered can be retried.',
  },
  // Organisation
  BODY_REQUIRED: { da: 'Send de felter, der skal ændres.', en: 'Send the fields to change.' },
  CODE_IMMUTABLE: { da: 'Et kontors kode kan ikke ændres.', en: 'An office’s code cannot change.' },
  CONTACT_CENTRE_TAKEN: {
    da: 'Et andet kontor er allerede kontaktcenter.',
    en: 'Another office is already the contact centre.',
  },
  HEAD_OFFICE_TAKEN: {
    da: 'Et andet kontor er allerede hovedkontor.',
    en: 'Another office is already the head office.',
  },
  DEPARTMENT_CODE_TAKEN: {
    da: 'En anden afdeling har allerede denne kode.',
    en: 'Another department already has this code.',
  },
  DEPARTMENT_HAS_ACTIVE_OFFICES: {
    da: 'Afdelingen har stadig aktive kontorer. Luk dem først.',
    en: 'The department still has active offices; deactivate them first.',
  },
  DEPARTMENT_INACTIVE: {
    da: 'Afdelingen er lukket og kan ikke have aktive kontorer.',
    en: 'The department is inactive and cannot have active offices.',
  },
  OFFICE_CODE_TAKEN: { da: 'Et andet kontor har allerede denne kode.', en: 'Another office already has this code.' },
  OFFICE_INACTIVE: {
    da: 'Kontoret er lukket: der kan ikke oprettes nye tider eller hold.',
    en: 'The office is inactive: no new times or sessions can be created there.',
  },
  ROOM_IN_USE: { da: 'Lokalet har hold og kan ikke fjernes.', en: 'The room has sessions and cannot be removed.' },
  USE_SUB_RESOURCE: {
    da: 'Lokaler og åbningstider ændres for sig.',
    en: 'Rooms and opening hours are changed separately.',
  },
  JSON_INVALID: { da: 'Filen har fejl; intet blev gemt.', en: 'The file has errors; nothing was stored.' },
};

/** The text for an error code, or undefined for a code the app does not know (then a general text by status). */
export function errorText(code: string, language: 'da' | 'en'): { text: string; retry: boolean } | undefined {
  const entry = Object.prototype.hasOwnProperty.call(ERROR_TEXTS, code) ? ERROR_TEXTS[code] : undefined;
  return entry ? { text: entry[language], retry: entry.retry ?? false } : undefined;
}
