/**
 * A role's name, path and number of tags within IAM's limits: each may come from defaults, so they
 * are checked on the model and reported where written (each tag's own form is the schema's).
 */
import { ROLE_NAME, ROLE_NAME_MAX, ROLE_PATH, ROLE_PATH_MAX, TAGS_PER_ROLE_MAX } from "../../iam/limits";
import type { Binding } from "../model";
import { IDENTIFIER } from "../schema";
import { bindingPath, CheckContext } from "./check";

export function checkRole(context: CheckContext, binding: Binding): void {
  const at = (...sub: (string | number)[]) => bindingPath(binding, ...sub);
  const written = (...sub: string[]) => context.source.has(at(...sub));
  const namePath = written("role", "name") ? at("role", "name") : at("name");
  const { name, path } = binding.role;
  // A default name from a binding name the schema refuses is that problem; it is not said twice.
  const fromMalformedName = !written("role", "name") && !(binding.name.length <= 64 && IDENTIFIER.test(binding.name));
  if (!fromMalformedName && name.length > ROLE_NAME_MAX) {
    context.report(
      namePath,
      `role name "${name}" is ${name.length} characters; IAM allows ${ROLE_NAME_MAX} (set role.name, or shorten defaults.roleNamePrefix)`,
    );
  } else if (!fromMalformedName && !ROLE_NAME.test(name)) {
    context.report(namePath, `role name "${name}" may only contain letters, digits and + = , . @ _ -`);
  }
  const pathPath = written("role", "path") ? at("role", "path") : ["defaults", "rolePath"];
  if (path.length > ROLE_PATH_MAX) {
    context.report(pathPath, `role path is ${path.length} characters; IAM allows ${ROLE_PATH_MAX}`);
  } else if (!ROLE_PATH.test(path)) {
    context.report(pathPath, `role path "${path}" must start and end with '/' and hold no braces (for example /eks/)`);
  }

  const tags = Object.entries(binding.role.tags);
  if (tags.length > TAGS_PER_ROLE_MAX) {
    context.report(
      at("role", "tags"),
      `${tags.length} tags; IAM allows ${TAGS_PER_ROLE_MAX} per role (defaults.tags included)`,
    );
  }
}
