import type { AppConfig } from '@app/config';
import type { FileStorage } from './file-storage';
import { FilesystemStorage } from './filesystem-storage';
import { S3Storage } from './s3-storage';

/** The storage the configuration names (FILE_STORAGE). */
export function createFileStorage(storage: AppConfig['files']['storage']): FileStorage {
  switch (storage.kind) {
    case 'filesystem':
      return new FilesystemStorage(storage.root);
    case 's3':
      return new S3Storage(storage);
  }
}
