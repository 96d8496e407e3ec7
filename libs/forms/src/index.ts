export { FORM_TITLES, FormsService, type RenderedForm } from './forms.service';
export { FormsModule } from './forms.module';
export { renderPdf, type PdfMeta } from './pdf-renderer';
export { durationText, longDate, placeOf, timeAndDate } from './form-text';
