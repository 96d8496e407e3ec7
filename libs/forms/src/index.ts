export { FORM_TITLES, FormsService, type RenderedForm } from './forms.service';
export { FormsModule } from './forms.module';
export { renderPdf, type PdfMeta } from './pdf-renderer';
export { durationText, longDate, placeOf, timeAndDate } from './form-text';
export { FILE_FORMS_JOB, FORMS_QUEUE, FORMS_SWEEP_JOB, FORMS_SWEEP_SCHEDULER_ID, ISSUING_EVENTS } from './issued-forms';
export { IssuedFormsQueue } from './issued-forms.queue';
export { IssuedFormsService } from './issued-forms.service';
export { IssuedFormsWorkerModule } from './issued-forms-worker.module';
