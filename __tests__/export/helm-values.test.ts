/**
 * `podiam export helm-values`: the chart values of each ServiceAccount podiam does not create,
 * checked against the ServiceAccount blocks of real charts (charts/*.values.yaml: external-dns,
 * the AWS Load Balancer Controller, the EBS CSI driver, the cluster autoscaler, written out with
 * the key paths and defaults their values.yaml ship, from their templates' way of naming the
 * ServiceAccount: `serviceAccount.name`, else a name from the release when `create` is true, else
 * `default`; annotations rendered when `create` is true).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { run } from "../../src/cli";
import { chartValues, helmValues, renderHelmValues } from "../../src/export/helm-values";
import { FIXTURES, modelOf, ROOT } from "../helpers/synth";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Values = any;

const FILE = `
version: 1
accounts:
  prod: { id: "111122223333", region: eu-west-1 }
clusters:
  eu: { account: prod, region: eu-west-1, oidcIssuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA" }
  us: { account: prod, region: us-east-1, oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/BBBB" }
defaults:
  roleNamePrefix: eks-
  serviceAccount:
    annotations: { eks.amazonaws.com/sts-regional-endpoints: "true" }
bindings:
  - name: external-dns
    clusters: [eu, us]
    serviceAccounts: external-dns/external-dns
    policies: { presets: { external-dns: { hostedZoneArns: [arn:aws:route53:::hostedzone/Z1] } } }
    serviceAccount: { create: false }
  - name: aws-load-balancer-controller
    cluster: eu
    serviceAccounts: kube-system/aws-load-balancer-controller
    policies: { presets: { aws-load-balancer-controller: {} } }
    serviceAccount: { create: false, annotations: { eks.amazonaws.com/token-expiration: "3600" } }
  - name: ebs-csi-driver
    cluster: eu
    serviceAccounts: kube-system/ebs-csi-controller-sa
    policies: { presets: { aws-ebs-csi-driver: {} } }
    serviceAccount: { create: false }
  - name: cluster-autoscaler
    cluster: us
    serviceAccounts: kube-system/cluster-autoscaler
    policies: { presets: { cluster-autoscaler: {} } }
    serviceAccount: { create: false }
  - name: karpenter
    cluster: us
    mode: pod-identity
    serviceAccounts: kube-system/karpenter
    serviceAccount: { create: false }
  - name: made-by-podiam
    cluster: eu
    serviceAccounts: [app/api, app/*]
`;

const model = modelOf(FILE);

function chart(name: string): Values {
  return parse(readFileSync(join(__dirname, "charts", `${name}.values.yaml`), "utf8"));
}

/** The charts' merge of user values over their defaults (Helm merges maps key by key). */
function merged(defaults: Values, values: Values): Values {
  if (values === null || typeof values !== "object" || Array.isArray(values)) return values;
  const out: Values = { ...(defaults ?? {}) };
  for (const [key, value] of Object.entries(values)) out[key] = merged(defaults?.[key], value);
  return out;
}

/** What the chart's templates make of its ServiceAccount block: the name pods use, and the object, if created. */
function rendered(block: Values, fullname: string): { name: string; created?: { annotations: Values } } {
  const name = block.name || (block.create ? fullname : "default");
  return { name, ...(block.create ? { created: { annotations: block.annotations ?? {} } } : {}) };
}

function entry(cluster: string, ref: string) {
  const found = helmValues(model).find((e) => e.cluster === cluster && `${e.namespace}/${e.name}` === ref);
  if (!found) throw new Error(`no values for ${cluster} ${ref}`);
  return found;
}

/** Every key path of `values` exists in `chart`: Helm would merge it over a key the chart reads. */
function keyPaths(values: Values, prefix: string[] = []): string[][] {
  return Object.entries(values).flatMap(([key, value]) =>
    value !== null && typeof value === "object" && !Array.isArray(value) && key !== "annotations"
      ? keyPaths(value, [...prefix, key])
      : [[...prefix, key]],
  );
}

describe.each([
  ["external-dns", "eu", "external-dns/external-dns", "external-dns", ["serviceAccount"]],
  [
    "aws-load-balancer-controller",
    "eu",
    "kube-system/aws-load-balancer-controller",
    "aws-load-balancer-controller",
    ["serviceAccount"],
  ],
  ["aws-ebs-csi-driver", "eu", "kube-system/ebs-csi-controller-sa", "ebs-csi-driver", ["controller", "serviceAccount"]],
  ["cluster-autoscaler", "us", "kube-system/cluster-autoscaler", "cluster-autoscaler", ["rbac", "serviceAccount"]],
])("the %s chart", (name, cluster, ref, binding, keys) => {
  const values = chartValues(entry(cluster, ref));
  const defaults = chart(name);

  test("every key the values set is a key of the chart's ServiceAccount block", () => {
    const at = (object: Values, path: string[]) => path.reduce((node, key) => node?.[key], object);
    for (const path of keyPaths(values))
      expect({ path, known: at(defaults, path) !== undefined }).toEqual({ path, known: true });
    expect(Object.keys(values)).toEqual([keys[0]]);
  });

  test("the chart then creates the bound ServiceAccount, by its name whatever the release, with the role's annotation", () => {
    const block = keys.reduce((node: Values, key: string) => node[key], merged(defaults, values));
    expect(rendered(block, "a-release-name")).toEqual({
      name: ref.split("/")[1],
      created: {
        annotations: expect.objectContaining({
          "eks.amazonaws.com/role-arn": `arn:aws:iam::111122223333:role/eks-${binding}`,
          "eks.amazonaws.com/sts-regional-endpoints": "true",
        }),
      },
    });
  });
});

test("only what podiam does not create, on each cluster; Pod Identity: the binding's annotations, no role ARN", () => {
  expect(helmValues(model).map((e) => `${e.cluster} ${e.namespace}/${e.name} ${e.binding}`)).toEqual([
    "eu external-dns/external-dns external-dns",
    "eu kube-system/aws-load-balancer-controller aws-load-balancer-controller",
    "eu kube-system/ebs-csi-controller-sa ebs-csi-driver",
    "us external-dns/external-dns external-dns",
    "us kube-system/cluster-autoscaler cluster-autoscaler",
    "us kube-system/karpenter karpenter",
  ]);
  expect(chartValues(entry("us", "kube-system/karpenter"))).toEqual({
    serviceAccount: {
      create: true,
      name: "karpenter",
      annotations: { "eks.amazonaws.com/sts-regional-endpoints": "true" },
    },
  });
  expect(helmValues(model, "us").map((e) => e.cluster)).toEqual(["us", "us", "us"]);
});

test("the output is YAML by cluster, then namespace/name; annotations keep their quotes", () => {
  const text = renderHelmValues(helmValues(model, "eu"));
  const parsed = parse(text);
  expect(Object.keys(parsed)).toEqual(["eu"]);
  expect(parsed.eu["kube-system/aws-load-balancer-controller"]).toEqual({
    serviceAccount: {
      create: true,
      name: "aws-load-balancer-controller",
      annotations: {
        "eks.amazonaws.com/role-arn": "arn:aws:iam::111122223333:role/eks-aws-load-balancer-controller",
        "eks.amazonaws.com/sts-regional-endpoints": "true",
        "eks.amazonaws.com/token-expiration": "3600",
      },
    },
  });
  expect(text).toContain('eks.amazonaws.com/token-expiration: "3600"');
});

describe("the command", () => {
  function exportValues(...args: string[]): { code: number; out: string; err: string } {
    let out = "";
    let err = "";
    const code = run(["export", "helm-values", ...args], { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  test("the example: the load balancer controller's values; one ServiceAccount's alone, for helm -f", () => {
    const all = exportValues("-f", join(ROOT, "bindings.yaml"));
    expect(all.code).toBe(0);
    expect(Object.keys(parse(all.out))).toEqual(["prod-eu"]);
    expect(Object.keys(parse(all.out)["prod-eu"])).toContain("kube-system/aws-load-balancer-controller");
    const one = exportValues(
      "-f",
      join(ROOT, "bindings.yaml"),
      "--cluster",
      "prod-eu",
      "--service-account",
      "kube-system/aws-load-balancer-controller",
    );
    expect(one.code).toBe(0);
    expect(Object.keys(parse(one.out))).toEqual(["serviceAccount"]);
    expect(parse(one.out).serviceAccount).toMatchObject({ create: true, name: "aws-load-balancer-controller" });
  });

  test("an unknown cluster, a ServiceAccount podiam creates, one on two clusters: exit 1, saying what to do", () => {
    const file = join(FIXTURES, "beyond.yaml");
    expect(exportValues("-f", file, "--cluster", "build-e")).toEqual({
      code: 1,
      out: "",
      err: 'podiam export helm-values: unknown cluster "build-e" (did you mean "build-eu"?); the clusters are build-eu\n',
    });
    expect(exportValues("-f", file, "--service-account", "legacy/api").err).toBe(
      'podiam export helm-values: podiam creates legacy/api (binding "legacy-api"), with its role: give its chart serviceAccount.create: false and serviceAccount.name, or set serviceAccount: { create: false } on the binding for the chart to create it\n',
    );
    expect(exportValues("-f", file, "--service-account", "deploy/deployer").out).toContain("name: deployer");
    const dir = mkdtempSync(join(tmpdir(), "podiam-export-"));
    writeFileSync(join(dir, "bindings.yaml"), FILE);
    expect(exportValues("-f", join(dir, "bindings.yaml"), "--service-account", "external-dns/external-dns").err).toBe(
      "podiam export helm-values: external-dns/external-dns is on clusters eu, us; say which with --cluster\n",
    );
    const one = exportValues(
      "-f",
      join(dir, "bindings.yaml"),
      "--cluster",
      "us",
      "--service-account",
      "external-dns/external-dns",
    );
    expect(one.out.split("\n")[0]).toBe(
      "# podiam export helm-values: external-dns/external-dns on cluster us (binding external-dns)",
    );
  });

  test("a file with errors exports nothing", () => {
    const result = exportValues("-f", join(FIXTURES, "broken.yaml"));
    expect(result.code).toBe(1);
    expect(result.out).toBe("");
    expect(result.err).toContain("has errors; fix them (podiam validate) before exporting from it");
  });
});
