package dev.scimsync.server.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs who changed what through SLF4J (logger {@code dev.scimsync.audit}), one line per event:
 * tenant, event type, resource id, actor and the names of changed attributes — never attribute
 * values, so passwords and personal data stay out of logs.
 */
public final class AuditLogListener implements ProvisioningListener {

  private static final Logger AUDIT = LoggerFactory.getLogger("dev.scimsync.audit");

  @Override
  public void onEvent(ProvisioningEvent e) {
    if (!AUDIT.isInfoEnabled()) {
      return;
    }
    String detail = "";
    if (e instanceof ProvisioningEvent.UserUpdated u) {
      detail = " changed=" + u.changedAttributes();
    } else if (e instanceof ProvisioningEvent.GroupUpdated g) {
      detail = " changed=" + g.changedAttributes();
    } else if (e instanceof ProvisioningEvent.GroupMembersAdded a) {
      detail = " members=" + a.memberIds().size();
    } else if (e instanceof ProvisioningEvent.GroupMembersRemoved r) {
      detail = " members=" + r.memberIds().size();
    } else if (e instanceof ProvisioningEvent.ResourceChanged c) {
      detail = c.changedAttributes().isEmpty() ? "" : " changed=" + c.changedAttributes();
    }
    AUDIT.info("tenant={} event={} type={} id={} actor={}{}", e.tenantId(), e.type(), e.resourceType(),
        e.resourceId(), e.actor(), detail);
  }
}
