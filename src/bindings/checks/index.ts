/**
 * Checks on the model: rules across entities (uniqueness, which account may hold what) and the
 * limits of AWS and Kubernetes on values podiam computes (role names from defaults, policy and
 * trust sizes, quotas). Shapes and the formats of single values are the schema's (schema.ts),
 * references and defaults the model builder's (build-model.ts). Each problem is reported where
 * the offending value was written.
 */
import type { BindingsModel } from "../model";
import type { Problem } from "../problems";
import type { BindingsSource } from "../source";
import { checkAccountRules, checkInheritedBoundaries, InheritedBoundaries } from "./account-rules";
import { checkAccounts } from "./accounts";
import { CheckContext } from "./check";
import { checkClusters } from "./clusters";
import { checkFilePolicies } from "./file-policies";
import { checkPatterns } from "./patterns";
import { checkPolicies } from "./policies";
import { checkRenames } from "./renames";
import { checkRole } from "./role";
import { checkStackSizes } from "./stack-size";
import { checkStacks } from "./stacks";
import { checkTrustedRolesMayAssume } from "./trust-roles";
import { checkUniqueRoleNames, checkUniqueServiceAccounts, uniquelyNamedBindings } from "./uniqueness";

export function checkModel(source: BindingsSource, model: BindingsModel): Problem[] {
  const context = new CheckContext(source, model);
  checkAccounts(context);
  checkClusters(context);
  checkStacks(context);
  checkStackSizes(context);
  checkRenames(context);

  const bindings = uniquelyNamedBindings(context);
  checkUniqueRoleNames(context, bindings);
  checkUniqueServiceAccounts(context, bindings);
  const inheritedBoundaries: InheritedBoundaries = new Map();
  for (const binding of bindings) {
    checkPatterns(context, binding);
    checkAccountRules(context, binding, inheritedBoundaries);
    // A role made elsewhere has its name, policies and trust where it was made.
    if (binding.role.external) continue;
    checkRole(context, binding);
    checkPolicies(context, binding);
  }
  checkInheritedBoundaries(context, inheritedBoundaries);
  checkFilePolicies(context, bindings);
  checkTrustedRolesMayAssume(context, bindings);
  return context.problems;
}
