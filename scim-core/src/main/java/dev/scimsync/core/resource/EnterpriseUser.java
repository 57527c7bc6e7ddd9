package dev.scimsync.core.resource;

import static dev.scimsync.core.resource.TypedJson.put;
import static dev.scimsync.core.resource.TypedJson.takeComplex;
import static dev.scimsync.core.resource.TypedJson.takeString;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Enterprise User extension of a User (RFC 7643 §4.3), found in the JSON under
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}. Attributes not modelled here
 * are kept in {@link #extra()}, as for {@link MultiValue}; an empty manager is read as none.
 *
 * @param employeeNumber the employee number
 * @param costCenter the cost center
 * @param organization the organization
 * @param division the division
 * @param department the department
 * @param manager the manager, or null
 * @param extra other attributes of the extension; copied, and null is read as empty
 */
public record EnterpriseUser(@Nullable String employeeNumber, @Nullable String costCenter,
    @Nullable String organization, @Nullable String division, @Nullable String department,
    @Valid @Nullable Manager manager, @Nullable ObjectNode extra) {

  /** Normalises as {@link MultiValue} does. */
  public EnterpriseUser {
    extra = TypedJson.copy(extra);
    employeeNumber = takeString(extra, "employeeNumber", employeeNumber);
    costCenter = takeString(extra, "costCenter", costCenter);
    organization = takeString(extra, "organization", organization);
    division = takeString(extra, "division", division);
    department = takeString(extra, "department", department);
    manager = takeComplex(extra, "manager", manager == null || manager.isEmpty() ? null : manager,
        o -> {
          Manager m = Manager.fromJson(o);
          return m.isEmpty() ? null : m;
        });
  }

  /** An extension part without extra attributes. */
  public EnterpriseUser(@Nullable String employeeNumber, @Nullable String costCenter, @Nullable String organization,
      @Nullable String division, @Nullable String department, @Nullable Manager manager) {
    this(employeeNumber, costCenter, organization, division, department, manager, null);
  }

  /** Reads the extension part from its JSON object; never throws. */
  public static EnterpriseUser fromJson(ObjectNode json) {
    return new EnterpriseUser(null, null, null, null, null, null, json);
  }

  /** A copy of the attributes not modelled here. */
  @Override
  public ObjectNode extra() {
    return TypedJson.kept(extra).deepCopy();
  }

  /** True when nothing at all is set. */
  public boolean isEmpty() {
    return employeeNumber == null && costCenter == null && organization == null && division == null
        && department == null && manager == null && TypedJson.kept(extra).isEmpty();
  }

  /** This extension part with another manager (null for none). */
  public EnterpriseUser withManager(@Nullable Manager newManager) {
    return new EnterpriseUser(employeeNumber, costCenter, organization, division, department, newManager, extra);
  }

  /** The JSON form, leaving out null attributes. */
  public ObjectNode toJson() {
    ObjectNode o = TypedJson.copy(null);
    put(o, "employeeNumber", employeeNumber);
    put(o, "costCenter", costCenter);
    put(o, "organization", organization);
    put(o, "division", division);
    put(o, "department", department);
    if (manager != null) {
      o.set("manager", manager.toJson());
    }
    TypedJson.putAll(o, TypedJson.kept(extra));
    return o;
  }
}
