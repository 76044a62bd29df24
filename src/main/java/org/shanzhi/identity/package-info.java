/**
 * Identity: accounts, roles and each account's scope (a node of the territory, a grid, or households),
 * console logins (database-stored sessions) and API bearer tokens, lockout after failed logins, SMS-code
 * login for villagers. Installs the caller into {@link org.shanzhi.common.ScopeGuard}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.shanzhi.identity;
