export { FORM_TITLES, FormsService, type RenderedForm } from './forms.service';
export { FormsModule } from './forms.module';
export { renderPdf, type PdfMeta } from './pdf-renderer';
export { durationText, longDate, placeOf, timeAndDate } from './form-text';
export type { FormAgency, RegisterInput, RegisterRow } from './form-input';
export { REGISTER_COLUMNS } from './forms/register.form';
export { MAX_REGISTER_ROWS, REGISTER_FORMATS, type RegisterFormat, RegisterService, type RenderedRegister, renderRegisterPdf } from './register.service';
export { REGISTER_HEADER_ROW, registerWorkbook } from './register.workbook';
