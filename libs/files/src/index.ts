export { type ByteRange, FileStorage, ObjectTooLargeError, StorageUnavailableError, type StoredObject } from './file-storage';
export { FilesystemStorage } from './filesystem-storage';
export { createFileStorage } from './create-file-storage';
export { S3_UPLOAD, S3Storage, type S3StorageOptions } from './s3-storage';
export { FilesModule } from './files.module';
