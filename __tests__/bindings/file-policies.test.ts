/**
 * The file's policies (`policies.<name>`): statements written in the file or an IAM policy JSON
 * document beside it, attached by name; the model, and every problem where it is written, in the
 * JSON document's own lines and columns.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { loadBindings } from "../../src/bindings/load";
import { formatProblem } from "../../src/bindings/problems";
import { yaml } from "./problems-of";

const HEAD = yaml`
  version: 1
  accounts:
    prod: { id: "111122223333", region: eu-west-1 }
    shared: { id: "444455556666", region: eu-west-1 }
  clusters:
    eu: { account: prod, region: eu-west-1, oidcIssuer: https://oidc.eks.eu-west-1.amazonaws.com/id/AAAA }
  defaults: { rolePath: /eks/ }
`;

/** A directory with the bindings file and the given files beside it; the bindings file's path. */
function directory(bindings: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "podiam-policies-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, "bindings.yaml"), bindings);
  return join(dir, "bindings.yaml");
}

function load(file: string) {
  return loadBindings(readFileSync(file, "utf8"), file);
}

/** Problems, with the temporary directory written as DIR. */
function problems(file: string): string[] {
  const dir = join(file, "..");
  return load(file).problems.map((p) => formatProblem(p).split(dir).join("DIR"));
}

const DOCUMENT = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Describe",
      "Effect": "Allow",
      "Action": ["elasticloadbalancing:DescribeLoadBalancers", "ec2:DescribeInstances"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::artifacts/*",
      "Condition": { "StringEquals": { "s3:ExistingObjectTag/team": "ci" } }
    }
  ]
}
`;

const ATTACHING = yaml`
  bindings:
    - name: ci
      cluster: eu
      serviceAccounts: [ci/runner]
      policies: { managed: [read-artifacts, lb] }
    - name: cross
      cluster: eu
      account: shared
      serviceAccounts: [ci/cross]
      policies: { managed: [read-artifacts] }
`;

describe("the model", () => {
  test("statements in the file or a JSON document, each made in every account that attaches it", () => {
    const file = directory(
      HEAD +
        yaml`
          policies:
            read-artifacts:
              description: Read build artifacts
              path: /shared/
              statements:
                - actions: s3:GetObject
                  resources: arn:aws:s3:::artifacts/*
            lb:
              document: policies/lb.json
        ` +
        ATTACHING,
      { "policies/lb.json": DOCUMENT },
    );
    const { model, problems } = load(file);
    expect(problems).toEqual([]);
    const lb = model!.policies.get("lb")!;
    expect(lb).toMatchObject({
      key: "lb",
      name: "lb",
      path: "/eks/",
      document: join(file, "..", "policies", "lb.json"),
      statementPaths: [
        ["policies", "lb", "document", "Statement", 0],
        ["policies", "lb", "document", "Statement", 1],
      ],
      statements: [
        {
          sid: "Describe",
          effect: "Allow",
          actions: ["elasticloadbalancing:DescribeLoadBalancers", "ec2:DescribeInstances"],
          resources: ["*"],
        },
        {
          effect: "Allow",
          actions: ["s3:GetObject"],
          resources: ["arn:aws:s3:::artifacts/*"],
          conditions: { StringEquals: { "s3:ExistingObjectTag/team": "ci" } },
        },
      ],
    });
    const ci = model!.bindings.find((b) => b.name === "ci")!;
    const cross = model!.bindings.find((b) => b.name === "cross")!;
    expect(ci.managedPolicies).toEqual([
      "arn:aws:iam::111122223333:policy/shared/read-artifacts",
      "arn:aws:iam::111122223333:policy/eks/lb",
    ]);
    expect(ci.filePolicies.map(({ policy, index, arn }) => [policy.key, index, arn])).toEqual([
      ["read-artifacts", 0, "arn:aws:iam::111122223333:policy/shared/read-artifacts"],
      ["lb", 1, "arn:aws:iam::111122223333:policy/eks/lb"],
    ]);
    expect(cross.managedPolicies).toEqual(["arn:aws:iam::444455556666:policy/shared/read-artifacts"]);
  });

  test("a renamed policy keeps its IAM name; name sets it", () => {
    const file = directory(
      HEAD +
        yaml`
          policies:
            artifacts-read:
              previousNames: [read-artifacts]
              statements: [{ actions: s3:GetObject, resources: "*" }]
            named:
              name: Team.Reader
              statements: [{ actions: s3:GetObject, resources: "*" }]
          bindings:
            - name: ci
              cluster: eu
              serviceAccounts: [ci/runner]
              policies: { managed: [artifacts-read, named] }
        `,
    );
    const model = load(file).model!;
    expect(model.policies.get("artifacts-read")!.name).toBe("read-artifacts");
    expect(model.bindings[0].managedPolicies).toEqual([
      "arn:aws:iam::111122223333:policy/eks/read-artifacts",
      "arn:aws:iam::111122223333:policy/eks/Team.Reader",
    ]);
  });
});

describe("problems in the file", () => {
  test("an unknown name, with the closest; a policy no binding attaches; statements and document together", () => {
    const file = directory(
      HEAD +
        yaml`
          policies:
            read-artifacts:
              statements: [{ actions: s3:GetObject, resources: "*" }]
            unused:
              statements: [{ actions: s3:GetObject, resources: "*" }]
            both:
              document: a.json
              statements: [{ actions: s3:GetObject, resources: "*" }]
          bindings:
            - name: ci
              cluster: eu
              serviceAccounts: [ci/runner]
              policies: { managed: [read-artifact] }
        `,
    );
    expect(problems(file)).toEqual([
      // Its only attachment is misspelt.
      'DIR/bindings.yaml:9:3: policies.read-artifacts: warning: policy "read-artifacts" is attached by no binding, so podiam makes it nowhere: attach it by name in a binding\'s policies.managed, or remove it',
      'DIR/bindings.yaml:11:3: policies.unused: warning: policy "unused" is attached by no binding, so podiam makes it nowhere: attach it by name in a binding\'s policies.managed, or remove it',
      "DIR/bindings.yaml:14:5: policies.both: needs exactly one of statements and document",
      'DIR/bindings.yaml:20:27: bindings[0].policies.managed[0]: unknown policy "read-artifact" (did you mean "read-artifacts"?): a name in policies.managed is a policy of this file\'s top-level policies (declared: both, read-artifacts, unused); for a managed policy, write its ARN (arn:aws:iam::aws:policy/NAME)',
    ]);
  });

  test("the policy's IAM name is unique in the account, beside the binding's own policies; attached once", () => {
    const file = directory(
      HEAD +
        yaml`
          policies:
            eks-ci:
              statements: [{ actions: s3:GetObject, resources: "*" }]
          bindings:
            - name: ci
              cluster: eu
              serviceAccounts: [ci/runner]
              role: { name: EKS-CI }
              policies:
                managed: [eks-ci, "arn:aws:iam::111122223333:policy/eks/eks-ci"]
                statements: [{ actions: s3:PutObject, resources: "*" }]
        `,
    );
    expect(problems(file)).toEqual([
      'DIR/bindings.yaml:9:3: policies.eks-ci: its IAM name "eks-ci" is already the name of the policy of binding "ci" in account prod (IAM policy names are unique per account, ignoring case); set policies.eks-ci.name',
      'DIR/bindings.yaml:17:25: bindings[0].policies.managed[1]: policy "eks-ci" is attached twice: by name and by its ARN arn:aws:iam::111122223333:policy/eks/eks-ci; keep one',
    ]);
  });

  test("counted in the managed-policy quota; two of the file's policies may not share an IAM name", () => {
    const file = directory(
      HEAD.replace(
        "defaults: { rolePath: /eks/ }",
        "defaults: { rolePath: /eks/ }\nquotas: { managedPoliciesPerRole: 2 }",
      ) +
        yaml`
          policies:
            one:
              name: shared-name
              statements: [{ actions: s3:GetObject, resources: "*" }]
            two:
              name: Shared-Name
              path: /other/
              statements: [{ actions: s3:PutObject, resources: "*" }]
          bindings:
            - name: ci
              cluster: eu
              serviceAccounts: [ci/runner]
              policies:
                managed: [one, two]
                statements: [{ actions: s3:ListBucket, resources: "*" }]
        `,
    );
    expect(problems(file)).toEqual([
      'DIR/bindings.yaml:14:11: policies.two.name: its IAM name "Shared-Name" is already the name of policy "one" of this file in account prod (IAM policy names are unique per account, ignoring case); set policies.two.name',
      'DIR/bindings.yaml:22:7: bindings[0].policies.managed: "ci" attaches 3 managed policies (its statements count as one); the quota is 2 per role: raise quotas.managedPoliciesPerRole if AWS raised it for you',
    ]);
  });

  test("a path, a description and a size within IAM's limits", () => {
    const many = Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-number-${i}/*`).join(", ");
    const file = directory(
      HEAD +
        yaml`
          policies:
            big:
              path: shared
              statements: [{ actions: s3:GetObject, resources: [${many}] }]
          bindings:
            - name: ci
              cluster: eu
              serviceAccounts: [ci/runner]
              policies: { managed: [big] }
        `,
    );
    expect(problems(file)).toEqual([
      `DIR/bindings.yaml:10:11: policies.big.path: policy path "shared" must start and end with '/' and hold no braces (for example /shared/)`,
      expect.stringMatching(
        /^DIR\/bindings\.yaml:11:5: policies\.big\.statements: policy "big" is \d+ characters without whitespace; IAM allows 6144 per managed policy: split it into two policies$/,
      ),
    ]);
  });
});

describe("the JSON document", () => {
  const bindings = (document: string) =>
    HEAD +
    yaml`
      policies:
        lb:
          document: ${document}
      bindings:
        - name: ci
          cluster: eu
          serviceAccounts: [ci/runner]
          policies: { managed: [lb] }
    `;

  test("problems inside it are reported at its own line and column, with its own path", () => {
    const file = directory(bindings("policies/lb.json"), {
      "policies/lb.json": `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Describe",
      "Effect": "Allow",
      "Actions": ["ec2:DescribeInstances"],
      "Resource": "*"
    },
    {
      "Sid": "Describe",
      "Effect": "allow",
      "Principal": { "AWS": "*" },
      "Action": "s3 GetObject",
      "Resource": ["arn:aws:s3:::b/*", "bucket"]
    }
  ]
}
`,
    });
    expect(problems(file)).toEqual([
      "DIR/policies/lb.json:4:5: Statement[0]: needs exactly one of Action and NotAction",
      'DIR/policies/lb.json:7:7: Statement[0].Actions: unknown key "Actions" (did you mean "Action"?)',
      'DIR/policies/lb.json:12:17: Statement[1].Effect: must be "Allow" or "Deny" (got "allow")',
      "DIR/policies/lb.json:13:7: Statement[1].Principal: an identity policy names no Principal (that is a trust or resource policy's element): remove it; for who may assume a role, see trust.roles",
      'DIR/policies/lb.json:14:17: Statement[1].Action: "s3 GetObject" is not an IAM action (service:Action, for example s3:GetObject)',
      'DIR/policies/lb.json:15:40: Statement[1].Resource[1]: "bucket" is not a resource ARN or *',
    ]);
  });

  test("a single Statement object; a Version required, 2008-10-17 without variables; Sids once", () => {
    const one = directory(bindings("one.json"), {
      "one.json":
        '{ "Version": "2008-10-17", "Statement": { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } }\n',
    });
    expect(load(one).model!.policies.get("lb")!.statements).toEqual([
      { effect: "Allow", actions: ["s3:GetObject"], resources: ["*"] },
    ]);
    const variable = directory(bindings("var.json"), {
      "var.json":
        '{ "Version": "2008-10-17", "Statement": { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}" } }\n',
    });
    expect(problems(variable)).toEqual([
      'DIR/var.json:1:14: Version: is "2008-10-17", which reads ${...} as text, and podiam writes the policy in "2012-10-17", where it is a policy variable: write "Version": "2012-10-17" if the variable is meant, or remove it',
    ]);
    const other = directory(bindings("other.json"), {
      "other.json":
        '{ "Version": "2012-10-18", "Statement": { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } }\n',
    });
    expect(problems(other)).toEqual([
      `DIR/other.json:1:14: Version: must be "2012-10-17" (or "2008-10-17"), the versions of IAM's policy language (got "2012-10-18")`,
    ]);
    const twice = directory(bindings("two.json"), {
      "two.json": `{"Statement": [
  {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},
  {"Sid": "A", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}
`,
    });
    expect(problems(twice)).toEqual([
      'DIR/two.json:1:1: Version: is required: add "Version": "2012-10-17"',
      'DIR/two.json:3:11: Statement[1].Sid: Sid "A" is already the Sid of Statement[0]; IAM takes each Sid once in a policy',
    ]);
  });

  test("not JSON, not a JSON object, or broken JSON: at the place the parser stopped", () => {
    const file = directory(bindings("yaml.json"), {
      "yaml.json": 'Version: "2012-10-17"\nStatement: []\n',
    });
    expect(problems(file)).toEqual([
      expect.stringMatching(
        /^DIR\/yaml\.json:1:1: \(json\): is not JSON \(.*\): an IAM policy document is a JSON object with "Version" and "Statement"$/,
      ),
    ]);
    const list = directory(bindings("list.json"), { "list.json": "[]\n" });
    expect(problems(list)).toEqual([
      'DIR/list.json:1:1: (root): is not an IAM policy: expected a JSON object with "Version": "2012-10-17" and "Statement"',
    ]);
    const broken = directory(bindings("broken.json"), {
      "broken.json": '{\n  "Version": "2012-10-17",\n  "Statement": [\n}\n',
    });
    expect(problems(broken)[0]).toMatch(/^DIR\/broken\.json:4:1: \(json\): /);
  });

  test("only beside the bindings file: no absolute path, no .., no link out of its directory", () => {
    const outside = mkdtempSync(join(tmpdir(), "podiam-outside-"));
    writeFileSync(join(outside, "lb.json"), DOCUMENT);
    expect(problems(directory(bindings("/etc/passwd")))).toEqual([
      'DIR/bindings.yaml:10:15: policies.lb.document: "/etc/passwd" is an absolute path: write it relative to the bindings file\'s directory',
    ]);
    expect(problems(directory(bindings("../lb.json")))).toEqual([
      'DIR/bindings.yaml:10:15: policies.lb.document: "../lb.json" leaves the bindings file\'s directory (..): keep policy documents beside the bindings file',
    ]);
    const linked = directory(bindings("policies/lb.json"));
    mkdirSync(join(linked, "..", "policies"));
    symlinkSync(join(outside, "lb.json"), join(linked, "..", "policies", "lb.json"));
    expect(problems(linked)).toEqual([
      `DIR/bindings.yaml:10:15: policies.lb.document: "policies/lb.json" is outside the bindings file's directory: keep policy documents beside the bindings file (it leads to ${join(outside, "lb.json")})`,
    ]);
  });

  test("a file that is missing, a directory, or too large", () => {
    expect(problems(directory(bindings("missing.json")))).toEqual([
      "DIR/bindings.yaml:10:15: policies.lb.document: cannot read DIR/missing.json: no such file",
    ]);
    const dir = directory(bindings("policies"));
    mkdirSync(join(dir, "..", "policies"));
    expect(problems(dir)).toEqual([
      "DIR/bindings.yaml:10:15: policies.lb.document: cannot read DIR/policies: it is not a regular file",
    ]);
    const big = directory(bindings("big.json"), { "big.json": "" });
    truncateSync(join(big, "..", "big.json"), 33 * 1024 * 1024);
    expect(problems(big)).toEqual([
      "DIR/bindings.yaml:10:15: policies.lb.document: cannot read DIR/big.json: it is larger than 32 MB, not a policy document",
    ]);
  });
});
