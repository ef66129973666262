/**
 * A deterministic generator of valid bindings files, shared by the benchmark (`bench/run.mjs`)
 * and the property tests (`__tests__/property/`).
 *
 * The same options (seed included) always give the same file. Files hold several accounts and
 * clusters (every cluster with an issuer), managed policies and statements on every binding,
 * multi-cluster bindings (within one account) and cross-account IRSA bindings; a few bindings use
 * pod-identity or both, a few do not create their ServiceAccount.
 *
 * `generateSpec` returns the file as plain data (the keys in the order they are written), so that
 * tests can know what was declared and permute it; `toYaml` renders it.
 */
import { stringify } from "yaml";

export interface GenerateOptions {
  readonly bindings: number;
  /** @default 4 */
  readonly accounts?: number;
  /** @default 2 per account */
  readonly clusters?: number;
  /** @default 1 */
  readonly seed?: number;
  /** Most ServiceAccounts per binding. @default 3 */
  readonly maxServiceAccounts?: number;
  /** Most clusters per multi-cluster binding. @default 3 */
  readonly maxClusters?: number;
  /** Share of bindings (0..1) whose role lives in another account than their cluster. @default 0.1 */
  readonly crossAccountShare?: number;
  /** Share of bindings (0..1) trusted by several clusters. @default 0.15 */
  readonly multiClusterShare?: number;
  /** Share of bindings (0..1) in mode pod-identity or both. @default 0.1 */
  readonly podIdentityShare?: number;
  /** Partitions to draw accounts from. @default ["aws"] */
  readonly partitions?: readonly ("aws" | "aws-cn" | "aws-us-gov")[];
  /** Namespaces to draw from (small: ServiceAccount names then repeat across namespaces). @default 12 */
  readonly namespaces?: number;
  /**
   * Team stacks of at most this many roles: each account's bindings, in file order, fill
   * `stack: team-0`, `team-1`, ... (no random draw: the rest of the file is the same as without).
   * @default none: every role in its account's stack
   */
  readonly stackSize?: number;
}

/** The file as plain data, keys in the order they are written. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BindingsSpec = Record<string, any>;

/** What a generated binding declares, resolved: for assertions. */
export interface DeclaredBinding {
  readonly name: string;
  readonly account: string;
  readonly clusters: readonly string[];
  readonly serviceAccounts: readonly { readonly namespace: string; readonly name: string }[];
  readonly mode: "irsa" | "pod-identity" | "both";
  readonly roleName: string;
}

export interface GeneratedFile {
  readonly spec: BindingsSpec;
  readonly declared: readonly DeclaredBinding[];
}

/** mulberry32: small, fast, and the same everywhere. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS: Record<string, readonly string[]> = {
  aws: ["eu-west-1", "us-east-1", "eu-central-1", "ap-southeast-2"],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-west-1", "us-gov-east-1"],
};
const DNS_SUFFIX: Record<string, string> = {
  aws: "amazonaws.com",
  "aws-cn": "amazonaws.com.cn",
  "aws-us-gov": "amazonaws.com",
};
const WORDS = [
  "api",
  "worker",
  "reader",
  "writer",
  "sync",
  "exporter",
  "controller",
  "agent",
  "indexer",
  "mailer",
  "billing",
  "search",
];
const MANAGED = [
  "AmazonS3ReadOnlyAccess",
  "AmazonDynamoDBReadOnlyAccess",
  "CloudWatchAgentServerPolicy",
  "AmazonSQSReadOnlyAccess",
  "service-role/AmazonEBSCSIDriverPolicy",
];
const SERVICES: readonly [string, readonly string[]][] = [
  ["s3", ["GetObject", "PutObject", "ListBucket", "DeleteObject"]],
  ["sqs", ["ReceiveMessage", "DeleteMessage", "SendMessage", "GetQueueAttributes"]],
  ["dynamodb", ["GetItem", "PutItem", "Query", "UpdateItem"]],
  ["kms", ["Decrypt", "Encrypt", "GenerateDataKey"]],
  ["ssm", ["GetParameter", "GetParametersByPath"]],
];

function hex(random: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += "0123456789ABCDEF"[Math.floor(random() * 16)];
  return out;
}

/** A valid bindings file of `options.bindings` bindings, as data. */
export function generateBindings(options: GenerateOptions): GeneratedFile {
  const random = rng(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const accountCount = Math.max(1, options.accounts ?? 4);
  const clusterCount = Math.max(1, options.clusters ?? accountCount * 2);
  const maxServiceAccounts = Math.max(1, options.maxServiceAccounts ?? 3);
  const maxClusters = Math.max(1, options.maxClusters ?? 3);
  const partitions = options.partitions ?? ["aws"];
  const namespaceCount = Math.max(1, options.namespaces ?? 12);

  const accounts: BindingsSpec = {};
  const accountInfo: { alias: string; id: string; partition: string }[] = [];
  for (let i = 0; i < accountCount; i++) {
    const alias = `acct-${i}`;
    const partition = partitions[i % partitions.length];
    const id = String(100000000000 + i * 111111111 + Math.floor(random() * 1000)).padStart(12, "0");
    accounts[alias] = {
      id,
      ...(partition !== "aws" ? { partition } : {}),
      region: REGIONS[partition][0],
      ...(i % 2 === 0 ? { providerRoleArn: `arn:${partition}:iam::${id}:role/terraform` } : {}),
    };
    accountInfo.push({ alias, id, partition });
  }

  const clusters: BindingsSpec = {};
  const clusterInfo: { key: string; account: string; partition: string }[] = [];
  for (let i = 0; i < clusterCount; i++) {
    const key = `cluster-${i}`;
    const account = accountInfo[i % accountCount];
    const region = REGIONS[account.partition][Math.floor(i / accountCount) % REGIONS[account.partition].length];
    clusters[key] = {
      account: account.alias,
      region,
      name: `${key}-eks`,
      oidcIssuer: `https://oidc.eks.${region}.${DNS_SUFFIX[account.partition]}/id/${hex(random, 24)}${String(i).padStart(8, "0")}`,
      ...(i % 3 === 2 ? { oidcProvider: "existing" } : {}),
      ...(i % 4 === 3 ? { kubernetes: { auth: "exec" } } : {}),
    };
    clusterInfo.push({ key, account: account.alias, partition: account.partition });
  }
  const clustersOfAccount = (alias: string) => clusterInfo.filter((c) => c.account === alias);

  const bindings: BindingsSpec[] = [];
  const declared: DeclaredBinding[] = [];
  const rolesInAccount = new Map<string, number>();
  for (let i = 0; i < options.bindings; i++) {
    const name = `${pick(WORDS)}-${i}`;
    const home = pick(clusterInfo);
    const roll = random();
    let clusterKeys = [home.key];
    let roleAccount = home.account;
    let mode: DeclaredBinding["mode"] = "irsa";
    const crossAccount = accountCount > 1 && roll < (options.crossAccountShare ?? 0.1);
    if (crossAccount) {
      // Cross-account IRSA: the role in another account of the same partition (if any).
      const others = accountInfo.filter((a) => a.alias !== home.account && a.partition === home.partition);
      if (others.length > 0) roleAccount = pick(others).alias;
    }
    if (roleAccount === home.account && chance(options.podIdentityShare ?? 0.1))
      mode = chance(0.5) ? "pod-identity" : "both";
    // Pod Identity trusts one statement per (cluster, ServiceAccount): keep those bindings on one
    // cluster, so that every trust policy stays within IAM's default 2048 characters.
    if (mode === "irsa" && chance(options.multiClusterShare ?? 0.15)) {
      const siblings = clustersOfAccount(home.account).filter((c) => c.key !== home.key);
      const extra = Math.min(siblings.length, 1 + Math.floor(random() * (maxClusters - 1)));
      for (let k = 0; k < extra; k++)
        clusterKeys.push(siblings.splice(Math.floor(random() * siblings.length), 1)[0].key);
    }
    clusterKeys = clusterKeys.slice(0, maxClusters);

    // Pod Identity adds one trust statement per ServiceAccount: at most 2 keep the trust policy short.
    const saCount = Math.min(1 + Math.floor(random() * maxServiceAccounts), mode === "irsa" ? maxServiceAccounts : 2);
    const serviceAccounts: { namespace: string; name: string }[] = [];
    for (let j = 0; j < saCount; j++) {
      // Unique per binding (the index is in the name), so no two bindings grant one ServiceAccount.
      serviceAccounts.push({
        namespace: `team-${Math.floor(random() * namespaceCount)}`,
        name: `${pick(WORDS)}-${i}-${j}`,
      });
    }

    const account = accountInfo.find((a) => a.alias === roleAccount)!;
    const p = account.partition;
    const statements: BindingsSpec[] = [];
    const statementCount = 1 + Math.floor(random() * 3);
    for (let s = 0; s < statementCount; s++) {
      const [service, actions] = pick(SERVICES);
      const chosen = [...new Set([pick(actions), pick(actions)])].map((a) => `${service}:${a}`);
      statements.push({
        sid: `S${s}${service.replace(/[^a-z]/g, "")}`,
        actions: chosen,
        resources: [
          service === "s3"
            ? `arn:${p}:s3:::bucket-${i}-${s}/*`
            : `arn:${p}:${service}:${REGIONS[p][0]}:${account.id}:res-${i}-${s}`,
        ],
        ...(chance(0.3) ? { conditions: { StringEquals: { "aws:ResourceTag/team": `team-${i % 7}` } } } : {}),
      });
    }
    const managed = [`arn:${p}:iam::aws:policy/${pick(MANAGED)}`];
    if (chance(0.4)) managed.push(`arn:${p}:iam::${account.id}:policy/team-${i % 9}-baseline`);

    const binding: BindingsSpec = {
      name,
      ...(clusterKeys.length === 1 ? { cluster: clusterKeys[0] } : { clusters: clusterKeys }),
      serviceAccounts: serviceAccounts.map((sa) => `${sa.namespace}/${sa.name}`),
      ...(roleAccount !== home.account ? { account: roleAccount } : {}),
      ...(mode !== "irsa" ? { mode } : {}),
      role: {
        description: `Role of ${name}`,
        ...(chance(0.3) ? { maxSessionDuration: 7200 } : {}),
        ...(chance(0.3) ? { permissionsBoundary: `arn:${p}:iam::${account.id}:policy/workload-boundary` } : {}),
        tags: { team: `team-${i % 7}` },
      },
      policies: { managed: [...new Set(managed)], statements },
      ...(chance(0.1) ? { serviceAccount: { create: false } } : {}),
    };
    if (options.stackSize !== undefined) {
      const n = rolesInAccount.get(roleAccount) ?? 0;
      rolesInAccount.set(roleAccount, n + 1);
      binding.stack = `team-${Math.floor(n / Math.max(1, options.stackSize))}`;
    }
    bindings.push(binding);
    declared.push({
      name,
      account: roleAccount,
      clusters: [...clusterKeys].sort(),
      serviceAccounts,
      mode,
      roleName: `eks-${name}`,
    });
  }

  const spec: BindingsSpec = {
    version: 1,
    accounts,
    clusters,
    defaults: {
      mode: "irsa",
      roleNamePrefix: "eks-",
      rolePath: "/eks/",
      tags: { "managed-by": "podiam", "cost-center": "platform" },
      serviceAccount: {
        annotations: { "eks.amazonaws.com/sts-regional-endpoints": "true" },
        labels: { "app.kubernetes.io/managed-by": "podiam" },
      },
    },
    bindings,
  };
  return { spec, declared };
}

/** The file's text. */
export function toYaml(spec: BindingsSpec): string {
  return `# Generated by __tests__/helpers/generate.ts\n${stringify(spec, { lineWidth: 0 })}`;
}

/** A generated file's text, in one call. */
export function generateBindingsYaml(options: GenerateOptions): string {
  return toYaml(generateBindings(options).spec);
}
