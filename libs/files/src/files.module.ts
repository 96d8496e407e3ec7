import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { createFileStorage } from './create-file-storage';
import { FileStorage } from './file-storage';

/** The configured file storage (FILE_STORAGE), for every module of the process. */
@Module({})
export class FilesModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: FilesModule, global: true, providers: [{ provide: FileStorage, useFactory: () => createFileStorage(config.files.storage) }], exports: [FileStorage] };
  }
}
