"""Who acts, what they may do, and what they did: the floor every domain's services stand on.

Public surface (import from the modules):
- principal.py: Principal (user, anonymous, system), Permission, Grant (scope, `filter`,
  `covers`), AccessDenied / NotAuthenticated / Forbidden
- access.py: AccessControl (`require`, `decide`) over the Casbin policy (policy.py)
- errors.py: ServiceError, NotFound, Conflict (every domain's typed refusals derive from them)
- db.py: UTCDateTime, after_commit, after_rollback (the unit of work's hooks)
- audit.py: record_event, AuditEvent, AuditLog (reading the trail)
- users.py: UserAdmin (users, partners, roles, password resets); rules.py: PolicyAdmin;
  logins.py: Logins (passwords, tokens, MyID); tokens.py, myid.py, passwords.py: their
  mechanics; throttle.py: failed password logins per account and address; admins.py: the last
  active admin keeps the role
"""
