/**
 * Rewards: what points are worth to a household — the points supermarket (goods, stock, merchants, redemption
 * codes, budgets, settlement), dividends by points and credit ratings with consent. Debits points only through
 * {@link org.shanzhi.points.PointsWallet}; publishes dividend runs through {@link org.shanzhi.disclosure.NoticeBoard};
 * publishes {@link org.shanzhi.common.Audited}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rewards",
        allowedDependencies = {"points", "registry", "territory", "disclosure", "activities", "common"})
package org.shanzhi.rewards;
