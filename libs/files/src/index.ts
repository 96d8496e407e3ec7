export { type ByteRange, FileStorage, ObjectTooLargeError, StorageUnavailableError, type StoredObject } from './file-storage';
export { FilesystemStorage } from './filesystem-storage';
export { createFileStorage } from './create-file-storage';
export { FilesModule } from './files.module';
