import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { UserError } from './user-error.js';

/**
 * Writes a command's output files into one folder so that no reader ever sees a half-written
 * file: every file is first written under a hidden temporary name beside its final one, and only
 * {@link OutputWriter.commit} renames them into place (rename within one folder is atomic on
 * POSIX file systems). {@link OutputWriter.abort}, an error, Ctrl-C or the process exiting
 * removes every temporary file.
 */
export interface OutputWriter {
  /** The output folder as the user named it. */
  readonly dir: string;
  /** Writes `relativePath` (under the folder, `/`-separated) to a temporary file. */
  stage(relativePath: string, content: string): Promise<void>;
  /**
   * Opens `relativePath` for writing piece by piece, for a file too large to hold whole: staged
   * like {@link stage} (a temporary until {@link commit}, removed by {@link abort}). Close it
   * before committing.
   */
  stageFile(relativePath: string): Promise<StagedFile>;
  /**
   * Renames every staged file into place, in staging order (stage the file that marks a complete
   * output, e.g. result.json, last). Then removes files of `ownedFolders` that this run did not
   * write and that have the extension of a file it did write (e.g. layers of indicators an
   * earlier run had). Returns the written paths.
   */
  commit(options?: { ownedFolders?: string[] }): Promise<string[]>;
  /** Removes every temporary file; nothing staged appears. */
  abort(): Promise<void>;
}

/** A staged file being written piece by piece (see {@link OutputWriter.stageFile}). */
export interface StagedFile {
  /** Appends text (UTF-8). */
  write(text: string): Promise<void>;
  /** Finishes the file. */
  close(): Promise<void>;
}

/** Options of {@link openOutputDir}. */
export interface OpenOutputOptions {
  /** Overwrite an earlier output. */
  force: boolean;
  /** Files whose presence means the folder holds an earlier output (refused without `force`). */
  markers: string[];
}

/** Temporary files of every open writer, removed synchronously if the process is interrupted. */
const liveTemporaries = new Set<string>();
let signalHandlersInstalled = false;
/** Commits renaming files right now: an interrupt waits for them (a few renames), so that a folder never holds half of a new output. */
let commitsInProgress = 0;
/** The exit code of an interrupt that arrived during a commit. */
let pendingExitCode: number | undefined;

function removeLiveTemporaries(): void {
  for (const file of liveTemporaries) rmSync(file, { force: true });
  liveTemporaries.clear();
}

function exitInterrupted(code: number): never {
  removeLiveTemporaries();
  process.stderr.write('interrupted: temporary files removed, no partial output left\n');
  process.exit(code);
}

function installSignalHandlers(): void {
  if (signalHandlersInstalled) return;
  signalHandlersInstalled = true;
  process.on('exit', removeLiveTemporaries);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      // 128 + signal number, as a shell reports a process killed by the signal.
      const code = signal === 'SIGINT' ? 130 : 143;
      if (commitsInProgress > 0) pendingExitCode = code;
      else exitInterrupted(code);
    });
  }
}

/**
 * Opens an output folder: checks it now (so that a command fails before its work, not after),
 * creates it with the first staged file.
 * @throws {UserError} when the path is a file, or the folder holds an earlier output and `force` is off.
 */
export async function openOutputDir(dir: string, options: OpenOutputOptions): Promise<OutputWriter> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new UserError(`--out ${dir}: is a file, not a folder`);
  if (info && !options.force) {
    for (const marker of options.markers) {
      if (await stat(join(dir, marker)).catch(() => undefined)) {
        throw new UserError(
          `--out ${dir}: already holds ${marker} from an earlier run; pass --force to overwrite it, or choose another folder`,
        );
      }
    }
  }
  installSignalHandlers();
  const staged: { temporary: string; target: string }[] = [];
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;

  const openFiles = new Set<FileHandle>();
  const discard = async () => {
    for (const handle of openFiles) await handle.close().catch(() => {});
    openFiles.clear();
    for (const { temporary } of staged) {
      await rm(temporary, { force: true });
      liveTemporaries.delete(temporary);
    }
    staged.length = 0;
  };

  /** Registers the temporary of `relativePath` (removed on abort or interrupt) and makes its folder. */
  const prepare = async (relativePath: string): Promise<string> => {
    const target = join(dir, ...relativePath.split('/'));
    const temporary = join(dirname(target), `.${basename(target)}.${tag}.tmp`);
    liveTemporaries.add(temporary);
    staged.push({ temporary, target });
    try {
      await mkdir(dirname(target), { recursive: true });
    } catch (error) {
      await failWriting(relativePath, error);
    }
    return temporary;
  };
  const failWriting = async (relativePath: string, error: unknown): Promise<never> => {
    await discard();
    throw new UserError(
      `--out ${dir}: cannot write ${relativePath} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  };

  return {
    dir,
    async stage(relativePath, content) {
      const temporary = await prepare(relativePath);
      try {
        await writeFile(temporary, content, { flag: 'wx' });
      } catch (error) {
        await failWriting(relativePath, error);
      }
    },
    async stageFile(relativePath) {
      const temporary = await prepare(relativePath);
      let handle: FileHandle;
      try {
        handle = await open(temporary, 'wx');
      } catch (error) {
        return failWriting(relativePath, error);
      }
      openFiles.add(handle);
      return {
        async write(text) {
          try {
            // write() may write fewer bytes than asked (a full disk, a signal): loop until all are out.
            const bytes = Buffer.from(text);
            for (let offset = 0; offset < bytes.length;) {
              const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
              if (bytesWritten === 0) throw Object.assign(new Error('no progress writing'), { code: 'EIO' });
              offset += bytesWritten;
            }
          } catch (error) {
            await failWriting(relativePath, error);
          }
        },
        async close() {
          openFiles.delete(handle);
          try {
            await handle.close();
          } catch (error) {
            await failWriting(relativePath, error);
          }
        },
      };
    },
    async commit(commitOptions = {}) {
      if (openFiles.size > 0) throw new Error('commit: a staged file is still open (close it first)');
      const written: string[] = [];
      commitsInProgress++;
      try {
        for (const { temporary, target } of staged) {
          await rename(temporary, target);
          liveTemporaries.delete(temporary);
          written.push(target);
        }
      } finally {
        await discard();
        commitsInProgress--;
      }
      if (pendingExitCode !== undefined && commitsInProgress === 0) {
        // Interrupted while renaming: the output is now complete; stop here, as asked.
        process.stderr.write(`interrupted after writing ${dir}\n`);
        process.exit(pendingExitCode);
      }
      for (const folder of commitOptions.ownedFolders ?? []) {
        const full = join(dir, folder);
        const ours = written.map((w) => relative(full, w)).filter((name) => !name.startsWith('..'));
        const keep = new Set(ours);
        const extensions = new Set(ours.map((name) => extname(name)));
        const entries = await readdir(full).catch(() => [] as string[]);
        for (const entry of entries) {
          // Only files like the ones written here: never a hidden temporary of another writer, never a user's other files.
          if (!keep.has(entry) && !entry.startsWith('.') && extensions.has(extname(entry))) {
            await rm(join(full, entry), { force: true });
          }
        }
      }
      return written;
    },
    abort: discard,
  };
}
