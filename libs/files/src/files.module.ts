import { type DynamicModule, Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { createFileStorage } from './create-file-storage';
import { FileStorage } from './file-storage';
import { S3Storage } from './s3-storage';

/** The FileStorage the configuration names (FILE_STORAGE), one per process, injectable everywhere by its class. */
@Global()
@Module({})
export class FilesModule implements OnApplicationShutdown {
  constructor(private readonly storage: FileStorage) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: FilesModule,
      providers: [{ provide: FileStorage, useFactory: () => createFileStorage(config.files.storage) }],
      exports: [FileStorage],
    };
  }

  onApplicationShutdown(): void {
    // The S3 client keeps sockets open; a closed app must not hold the process.
    if (this.storage instanceof S3Storage) this.storage.destroy();
  }
}
