import type { Repository, ObjectLiteral } from 'typeorm';
import { BadParameterError, NotFoundError } from '../errors/large-image.errors';

/** What a controller decorated with @LargeImage offers to find a record's file. */
export interface LargeImageHost {
  /** The TypeORM repository of the entity (the default way records are found). */
  repo?: Repository<ObjectLiteral>;
  /** Optional hook: return the file reference for a record id yourself (takes precedence over `repo`). */
  getLargeImageFile?(id: string, request: unknown): Promise<string | undefined | null> | string | undefined | null;
}

/** Finds the file reference of record `id` through the controller's hook or its repository. */
export async function resolveFileReference(host: LargeImageHost, fileField: string, id: string, request: unknown): Promise<string> {
  const reference = host.getLargeImageFile
    ? await host.getLargeImageFile(id, request)
    : await referenceFromRepository(host, fileField, id);
  if (!reference) throw new NotFoundError(`Record '${id}' does not exist or has no file`);
  return reference;
}

async function referenceFromRepository(host: LargeImageHost, fileField: string, id: string): Promise<string | undefined> {
  const repo = host.repo;
  if (!repo) {
    throw new Error(`${host.constructor.name} needs a 'repo' (TypeORM Repository) property or a getLargeImageFile(id) method`);
  }
  const [primary] = repo.metadata.primaryColumns;
  const numeric = primary.type === Number || ['int', 'integer', 'bigint', 'smallint'].includes(String(primary.type));
  if (numeric && !/^\d{1,15}$/.test(id)) throw new NotFoundError(`Record '${id}' does not exist`);
  if (!numeric && id.length > 200) throw new BadParameterError('The record id is too long');
  const record = await repo.findOne({ where: { [primary.propertyName]: numeric ? Number(id) : id } });
  const value = record?.[fileField];
  return typeof value === 'string' ? value : undefined;
}
