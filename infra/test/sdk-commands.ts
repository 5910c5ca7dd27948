import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The AWS SDK clients whose calls the Worker's credentials must allow. */
export const SDK_PACKAGES = ['@aws-sdk/client-s3', '@aws-sdk/client-ecs'] as const;

/**
 * The IAM actions each SDK command needs (Service Authorization Reference). A command the Worker's
 * code sends that is missing here fails the test: add it with its actions, then to the policy.
 */
export const COMMAND_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  // @aws-sdk/client-s3 (presigned URLs need the same action as the command they sign)
  HeadBucketCommand: ['s3:ListBucket'],
  HeadObjectCommand: ['s3:GetObject'],
  GetObjectCommand: ['s3:GetObject'],
  PutObjectCommand: ['s3:PutObject'],
  CreateMultipartUploadCommand: ['s3:PutObject'],
  UploadPartCommand: ['s3:PutObject'],
  CompleteMultipartUploadCommand: ['s3:PutObject'],
  AbortMultipartUploadCommand: ['s3:AbortMultipartUpload'],
  ListPartsCommand: ['s3:ListMultipartUploadParts'],
  ListMultipartUploadsCommand: ['s3:ListBucketMultipartUploads'],
  CopyObjectCommand: ['s3:GetObject', 's3:PutObject'],
  UploadPartCopyCommand: ['s3:GetObject', 's3:PutObject'],
  DeleteObjectCommand: ['s3:DeleteObject'],
  DeleteObjectsCommand: ['s3:DeleteObject'],
  ListObjectsCommand: ['s3:ListBucket'],
  ListObjectsV2Command: ['s3:ListBucket'],
  GetObjectTaggingCommand: ['s3:GetObjectTagging'],
  PutObjectTaggingCommand: ['s3:PutObjectTagging'],
  // @aws-sdk/client-ecs (RunTask hands the task definition's roles to ECS: iam:PassRole)
  RunTaskCommand: ['ecs:RunTask', 'iam:PassRole'],
  StartTaskCommand: ['ecs:StartTask', 'iam:PassRole'],
  StopTaskCommand: ['ecs:StopTask'],
  ListTasksCommand: ['ecs:ListTasks'],
  DescribeTasksCommand: ['ecs:DescribeTasks'],
  DescribeServicesCommand: ['ecs:DescribeServices'],
  UpdateServiceCommand: ['ecs:UpdateService'],
  DescribeTaskDefinitionCommand: ['ecs:DescribeTaskDefinition'],
  DescribeClustersCommand: ['ecs:DescribeClusters'],
};

/** Where a command is sent from: `file` relative to the repository root. */
export interface CommandUse {
  command: string;
  file: string;
}

const IMPORT = /import\s+(type\s+)?([^;]*?)\s+from\s+['"](@aws-sdk\/client-(?:s3|ecs))['"]/g;

/**
 * The SDK commands one source file sends: named value imports from the S3 and ECS clients that
 * the file also constructs (`new XCommand(`). Any other import form from those packages (a
 * namespace or default import, `require`) throws, so nothing can be sent unseen.
 */
export function commandsInSource(source: string, file = 'source'): string[] {
  const found: string[] = [];
  if (/require\(\s*['"]@aws-sdk\/client-(s3|ecs)['"]/.test(source)) throw new Error(`${file}: require() of an AWS SDK client; use a named import`);
  for (const [, typeOnly, clause, pkg] of source.matchAll(IMPORT)) {
    if (typeOnly) continue;
    const named = clause!.match(/^\{([\s\S]*)\}$/);
    if (!named) throw new Error(`${file}: import from ${pkg} is not a plain named import: ${clause}`);
    for (const part of named[1]!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (part.startsWith('type ')) continue;
      const [name, alias] = part.split(/\s+as\s+/);
      const local = (alias ?? name)!.trim();
      if (name!.endsWith('Command') && new RegExp(`new\\s+${local}\\s*\\(`).test(source)) found.push(name!.trim());
    }
  }
  return found;
}

/** Every command the Worker's code sends: its own source folders, test files and test helpers excluded. */
export function commandsSentByWorker(root: string, folders: readonly string[] = ['worker', 'plugins', 'durable-objects', 'queues', 'views']): CommandUse[] {
  const uses: CommandUse[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !/^(testing|test-helpers)\.ts$/.test(entry.name)) {
        const file = relative(root, path);
        for (const command of commandsInSource(readFileSync(path, 'utf8'), file)) uses.push({ command, file });
      }
    }
  };
  for (const folder of folders) walk(join(root, folder));
  return uses;
}

/** The IAM actions a list of commands needs, sorted and unique. Throws on a command with no known actions. */
export function actionsFor(uses: readonly CommandUse[]): string[] {
  const unknown = uses.filter((u) => !COMMAND_ACTIONS[u.command]);
  if (unknown.length > 0) {
    throw new Error(`No IAM actions known for ${unknown.map((u) => `${u.command} (${u.file})`).join(', ')}: add them to COMMAND_ACTIONS in infra/test/sdk-commands.ts`);
  }
  return [...new Set(uses.flatMap((u) => COMMAND_ACTIONS[u.command]!))].sort();
}
