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
  let byField = lookups.get(repo);
  if (!byField) lookups.set(repo, (byField = new Map()));
  let lookup = byField.get(fileField);
  if (!lookup) byField.set(fileField, (lookup = fileLookup(repo, fileField)));
  return lookup(id);
}

type FileLookup = (id: string) => Promise<string | undefined>;

/**
 * One lookup per repository and file field: TypeORM hands every controller of an entity the same
 * repository, and two of them may be decorated with different file fields.
 */
const lookups = new WeakMap<Repository<ObjectLiteral>, Map<string, FileLookup>>();

/** The alias the file column is selected under. */
const FILE_ALIAS = 'large_image_file';

/**
 * The file reference of a record by its primary key. The SQL is built once by TypeORM's query builder (so
 * soft-deleted rows and other entity types of a table stay out, as with findOne) and then run as it is,
 * and only the file column is read back: building the query and hydrating a whole entity on every
 * request cost more than the query itself.
 */
function fileLookup(repo: Repository<ObjectLiteral>, fileField: string): FileLookup {
  const [primary] = repo.metadata.primaryColumns;
  const column = repo.metadata.findColumnWithPropertyPath(fileField);
  if (!column) throw new Error(`${repo.metadata.name} has no column '${fileField}' for @LargeImage`);
  const numeric = primary.type === Number || ['int', 'integer', 'bigint', 'smallint'].includes(String(primary.type));
  // Built with a string so that every driver leaves a placeholder (SQLite's writes numbers into the SQL);
  // the id is bound with its own type when the query runs.
  const [sql, parameters] = repo
    .createQueryBuilder('record')
    .select(`record.${column.propertyPath}`, FILE_ALIAS)
    .where(`record.${primary.propertyPath} = :id`, { id: '0' })
    .limit(1)
    .getQueryAndParameters();
  if (parameters.length !== 1) throw new Error(`Cannot prepare the record lookup of ${repo.metadata.name}: ${sql}`);
  const driver = repo.manager.connection.driver;
  return async (id) => {
    if (numeric && !/^\d{1,15}$/.test(id)) throw new NotFoundError(`Record '${id}' does not exist`);
    if (!numeric && id.length > 200) throw new BadParameterError('The record id is too long');
    const rows: Array<Record<string, unknown>> = await repo.query(sql, [numeric ? Number(id) : id]);
    if (!rows.length) return undefined;
    // The driver's own conversion, column transformers included, as findOne would apply them.
    const value: unknown = driver.prepareHydratedValue(rows[0][FILE_ALIAS], column);
    return typeof value === 'string' ? value : undefined;
  };
}
