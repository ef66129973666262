/**
 * A loopback (127.0.0.1) in-memory stand-in for the IAM and STS query APIs that hashicorp/aws
 * calls for roles, customer-managed policies and their attachments: enough for `terraform apply`
 * to make them and for `terraform plan` to read them back (refresh, import). Names are unique in
 * the account, as IAM's are. Every call is recorded, to count what a plan or an apply does.
 * Nothing else of AWS is there: OIDC providers and EKS are out of its reach.
 */
import { createServer, Server } from "http";
import type { AddressInfo } from "net";

/** The account the stand-in answers as: podiam's ARNs must name it. */
export const MOCK_ACCOUNT = "111111111111";
const IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
const STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const NOW = "2025-01-01T00:00:00Z";

interface Role {
  name: string;
  path: string;
  id: string;
  trust: string;
  msd: number;
  description: string;
  tags: Record<string, string>;
  attached: string[];
}

interface Policy {
  name: string;
  path: string;
  arn: string;
  id: string;
  doc: string;
  description: string;
  tags: Record<string, string>;
}

class IamError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const escape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export class MockIam {
  readonly roles = new Map<string, Role>();
  readonly policies = new Map<string, Policy>();
  /** Every call: `Action RoleName-or-PolicyArn`. */
  readonly calls: string[] = [];
  private server?: Server;
  private counter = 0;

  /** Starts listening on a free loopback port; resolves to the endpoint URL. */
  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const query = Object.fromEntries(new URLSearchParams(body));
        const action = query.Action ?? "?";
        this.calls.push(`${action} ${query.RoleName ?? query.PolicyArn ?? query.PolicyName ?? ""}`.trim());
        let status = 200;
        let out: string;
        try {
          const [ns, inner] = this.handle(query);
          out = `<${action}Response xmlns="${ns}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>r${this.counter++}</RequestId></ResponseMetadata></${action}Response>`;
        } catch (error) {
          const e = error instanceof IamError ? error : new IamError("InternalFailure", String(error), 500);
          status = e.status;
          out = `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${e.code}</Code><Message>${escape(e.message)}</Message></Error><RequestId>r${this.counter++}</RequestId></ErrorResponse>`;
        }
        response.writeHead(status, { "Content-Type": "text/xml", "Content-Length": Buffer.byteLength(out) });
        response.end(out);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The calls recorded since `from`, then forgets none. */
  callsSince(from: number): string[] {
    return this.calls.slice(from);
  }

  private role(query: Record<string, string>): Role {
    const role = this.roles.get(query.RoleName);
    if (!role) throw new IamError("NoSuchEntity", `The role with name ${query.RoleName} cannot be found.`, 404);
    return role;
  }

  private policy(query: Record<string, string>): Policy {
    const policy = this.policies.get(query.PolicyArn);
    if (!policy) throw new IamError("NoSuchEntity", `Policy ${query.PolicyArn} was not found.`, 404);
    return policy;
  }

  private handle(q: Record<string, string>): [string, string] {
    const id = () => `${++this.counter}`.padStart(16, "0");
    switch (q.Action) {
      case "GetCallerIdentity":
        return [
          STS_NS,
          `<Arn>arn:aws:iam::${MOCK_ACCOUNT}:user/test</Arn><UserId>AIDAEXAMPLE</UserId><Account>${MOCK_ACCOUNT}</Account>`,
        ];
      case "CreateRole": {
        if ([...this.roles.keys()].some((name) => name.toLowerCase() === q.RoleName.toLowerCase()))
          throw new IamError("EntityAlreadyExists", `Role with name ${q.RoleName} already exists.`, 409);
        const role: Role = {
          name: q.RoleName,
          path: q.Path ?? "/",
          id: id(),
          trust: q.AssumeRolePolicyDocument,
          msd: Number(q.MaxSessionDuration ?? 3600),
          description: q.Description ?? "",
          tags: tagsIn(q),
          attached: [],
        };
        this.roles.set(role.name, role);
        return [IAM_NS, roleXml(role)];
      }
      case "GetRole":
        return [IAM_NS, roleXml(this.role(q))];
      case "ListRoleTags":
        return [IAM_NS, `${tagsXml(this.role(q).tags)}<IsTruncated>false</IsTruncated>`];
      case "ListInstanceProfilesForRole":
        this.role(q);
        return [IAM_NS, "<InstanceProfiles/><IsTruncated>false</IsTruncated>"];
      case "ListRolePolicies":
        this.role(q);
        return [IAM_NS, "<PolicyNames></PolicyNames><IsTruncated>false</IsTruncated>"];
      case "ListAttachedRolePolicies":
        return [
          IAM_NS,
          `<AttachedPolicies>${this.role(q)
            .attached.map(
              (arn) =>
                `<member><PolicyName>${escape(arn.slice(arn.lastIndexOf("/") + 1))}</PolicyName><PolicyArn>${escape(arn)}</PolicyArn></member>`,
            )
            .join("")}</AttachedPolicies><IsTruncated>false</IsTruncated>`,
        ];
      case "AttachRolePolicy": {
        const role = this.role(q);
        if (q.PolicyArn.includes(`:iam::${MOCK_ACCOUNT}:policy/`) && !this.policies.has(q.PolicyArn))
          throw new IamError("NoSuchEntity", `Policy ${q.PolicyArn} does not exist or is not attachable.`, 404);
        if (!role.attached.includes(q.PolicyArn)) role.attached.push(q.PolicyArn);
        return [IAM_NS, ""];
      }
      case "DetachRolePolicy": {
        const role = this.role(q);
        if (!role.attached.includes(q.PolicyArn))
          throw new IamError("NoSuchEntity", `Policy ${q.PolicyArn} was not found.`, 404);
        role.attached = role.attached.filter((arn) => arn !== q.PolicyArn);
        return [IAM_NS, ""];
      }
      case "CreatePolicy": {
        const path = q.Path ?? "/";
        if ([...this.policies.values()].some((p) => p.name.toLowerCase() === q.PolicyName.toLowerCase()))
          throw new IamError("EntityAlreadyExists", `A policy called ${q.PolicyName} already exists.`, 409);
        const policy: Policy = {
          name: q.PolicyName,
          path,
          arn: `arn:aws:iam::${MOCK_ACCOUNT}:policy${path}${q.PolicyName}`,
          id: id(),
          doc: q.PolicyDocument,
          description: q.Description ?? "",
          tags: tagsIn(q),
        };
        this.policies.set(policy.arn, policy);
        return [IAM_NS, this.policyXml(policy)];
      }
      case "GetPolicy":
        return [IAM_NS, this.policyXml(this.policy(q))];
      case "ListPolicyTags":
        return [IAM_NS, `${tagsXml(this.policy(q).tags)}<IsTruncated>false</IsTruncated>`];
      case "GetPolicyVersion":
        return [
          IAM_NS,
          `<PolicyVersion><Document>${escape(encodeURIComponent(this.policy(q).doc))}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>${NOW}</CreateDate></PolicyVersion>`,
        ];
      case "ListPolicyVersions":
        this.policy(q);
        return [
          IAM_NS,
          `<Versions><member><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion><CreateDate>${NOW}</CreateDate></member></Versions><IsTruncated>false</IsTruncated>`,
        ];
      default:
        throw new IamError("InvalidAction", `the IAM stand-in does not implement ${q.Action}`);
    }
  }

  private policyXml(p: Policy): string {
    const attached = [...this.roles.values()].filter((r) => r.attached.includes(p.arn)).length;
    return (
      `<Policy><PolicyName>${escape(p.name)}</PolicyName><PolicyId>ANPA${p.id}</PolicyId><Arn>${escape(p.arn)}</Arn>` +
      `<Path>${escape(p.path)}</Path><DefaultVersionId>v1</DefaultVersionId><AttachmentCount>${attached}</AttachmentCount>` +
      `<IsAttachable>true</IsAttachable><CreateDate>${NOW}</CreateDate><UpdateDate>${NOW}</UpdateDate>` +
      (p.description ? `<Description>${escape(p.description)}</Description>` : "") +
      `${tagsXml(p.tags)}</Policy>`
    );
  }
}

function tagsIn(q: Record<string, string>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let i = 1; `Tags.member.${i}.Key` in q; i++) tags[q[`Tags.member.${i}.Key`]] = q[`Tags.member.${i}.Value`] ?? "";
  return tags;
}

function tagsXml(tags: Record<string, string>): string {
  const members = Object.keys(tags)
    .sort()
    .map((key) => `<member><Key>${escape(key)}</Key><Value>${escape(tags[key])}</Value></member>`);
  return `<Tags>${members.join("")}</Tags>`;
}

function roleXml(r: Role): string {
  return (
    `<Role><Path>${escape(r.path)}</Path><RoleName>${escape(r.name)}</RoleName><RoleId>AROA${r.id}</RoleId>` +
    `<Arn>arn:aws:iam::${MOCK_ACCOUNT}:role${escape(r.path)}${escape(r.name)}</Arn><CreateDate>${NOW}</CreateDate>` +
    `<AssumeRolePolicyDocument>${escape(encodeURIComponent(r.trust))}</AssumeRolePolicyDocument>` +
    `<MaxSessionDuration>${r.msd}</MaxSessionDuration>` +
    (r.description ? `<Description>${escape(r.description)}</Description>` : "") +
    `${tagsXml(r.tags)}</Role>`
  );
}
