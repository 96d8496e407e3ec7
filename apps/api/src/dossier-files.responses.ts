import { ApiProperty } from '@nestjs/swagger';
import { orNull } from './nullable-schema';
import { DOSSIER_FORMS, type DossierForm, FILE_CONTENT_TYPES, FILE_KINDS, type FileKind } from '@app/common';

export class FileUploaderDto {
  @ApiProperty({ example: '8d7e…', description: "The officer's id" })
  id!: string;

  @ApiProperty({ example: 'motcua.hk' })
  username!: string;
}

/** One file of a dossier (api.md "Files"). */
export class DossierFileDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: FILE_KINDS, enumName: 'FileKind', example: 'component', description: 'A scanned component of the dossier, the result document, or a form issued to the applicant (filed by the system at its event)' })
  kind!: FileKind;

  @ApiProperty({ type: String, nullable: true, example: 'GDN', description: "The required document (the procedure version's requiredDocuments) a component is a scan of" })
  documentCode!: string | null;

  @ApiProperty({ example: 'Giấy đề nghị đăng ký hộ kinh doanh.pdf', description: 'The name it was uploaded with' })
  fileName!: string;

  @ApiProperty({ enum: FILE_CONTENT_TYPES, example: 'application/pdf', description: 'Detected from the bytes, never from the name' })
  contentType!: string;

  @ApiProperty({ type: 'integer', example: 182044, description: 'Bytes' })
  size!: number;

  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', description: 'SHA-256 of the bytes (hex); also the download ETag' })
  sha256!: string;

  @ApiProperty({ example: '2026-11-23T09:05:00+07:00' })
  uploadedAt!: string;

  @ApiProperty({ type: FileUploaderDto })
  uploadedBy!: FileUploaderDto;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The file of this dossier this one replaces (files are immutable)' })
  supersedes!: string | null;

  @ApiProperty({ enum: DOSSIER_FORMS, enumName: 'DossierForm', ...orNull(), description: 'For an issued form (kind `form`): which form' })
  form!: DossierForm | null;

  @ApiProperty({ type: 'integer', nullable: true, description: "For an issued form: the seq of the event that issued it (the dossier's log)" })
  issuedForSeq!: number | null;
}

export class DossierFileListDto {
  @ApiProperty({ type: [DossierFileDto] })
  items!: DossierFileDto[];
}
