package dev.scimsync.conformance;

import java.util.Locale;

/** Where a check's requirement comes from: the RFCs, or what one identity provider really sends. */
public enum Source {
  /** RFC 7643 and RFC 7644. */
  RFC,
  /** Microsoft Entra ID provisioning. */
  ENTRA,
  /** Okta provisioning (OIN and AIW apps). */
  OKTA,
  /** OneLogin's SCIM provisioner with its admin-editable JSON templates. */
  ONELOGIN,
  /** Google Workspace auto-provisioning. */
  GOOGLE;

  /** The lower-case name used in check ids, {@code --profile} and reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The source for a label such as {@code entra}; throws IllegalArgumentException for an unknown one. */
  public static Source of(String label) {
    for (Source s : values()) {
      if (s.label().equalsIgnoreCase(label.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown source '" + label + "' (expected rfc, entra, okta, onelogin or google)");
  }
}
