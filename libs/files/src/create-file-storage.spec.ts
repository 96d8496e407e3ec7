import { createFileStorage } from './create-file-storage';
import { FilesystemStorage } from './filesystem-storage';
import { S3Storage } from './s3-storage';

describe('createFileStorage', () => {
  it('builds the adapter FILE_STORAGE names', () => {
    expect(createFileStorage({ kind: 'filesystem', root: '/tmp/motcua-files' })).toBeInstanceOf(FilesystemStorage);
    const s3 = createFileStorage({ kind: 's3', endpoint: 'http://minio:9000', region: 'us-east-1', bucket: 'ho-so', accessKeyId: null, secretAccessKey: null, forcePathStyle: true });
    expect(s3).toBeInstanceOf(S3Storage);
    (s3 as S3Storage).destroy();
  });
});
