import type { DossierForm } from '@app/common';

/** The events that hand the applicant a form, and which (domain.md "Forms"); each is filed with the dossier. */
export const ISSUING_EVENTS: Readonly<Record<string, DossierForm>> = {
  RECEIVE: 'receipt',
  REQUEST_SUPPLEMENT: 'supplement-request',
  EXTEND: 'apology',
  WITHDRAW: 'stop-notice',
};

export const FORMS_QUEUE = 'forms';
/** Files the forms one dossier's events issued that are not filed yet. */
export const FILE_FORMS_JOB = 'file-forms';
/** Finds recent issuing events whose form is not filed (a lost job, a crash after the event) and files them. */
export const FORMS_SWEEP_JOB = 'sweep-forms';
export const FORMS_SWEEP_SCHEDULER_ID = 'issued-forms-sweep';
