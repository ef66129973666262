/** The kube2iam fixture and a way to run the importer on it, for the kube2iam tests. */
import { join } from "path";
import { importKube2iam, type Kube2iamOptions } from "../../src/import/kube2iam/command";
import { FIXTURES } from "../helpers/synth";

export const DIR = join(FIXTURES, "import", "kube2iam");
export const WORKLOADS = join(DIR, "workloads.yaml");
export const DETAILS = join(DIR, "authorization-details.json");
export const DESCRIBE = join(DIR, "describe-cluster-legacy-eu-1.json");

export interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export function run(options: Partial<Kube2iamOptions> = {}): Run {
  let out = "";
  let err = "";
  const code = importKube2iam(
    { out: (t) => (out += t), err: (t) => (err += t) },
    { manifests: [WORKLOADS], ...options },
  );
  return { code, out, err };
}

export const FULL: Partial<Kube2iamOptions> = {
  authorizationDetails: DETAILS,
  describeCluster: DESCRIBE,
  cluster: "legacy-eu-1",
};
