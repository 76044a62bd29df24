/**
 * Rewards: what points are worth to a household — the points supermarket (goods, stock, merchants, redemption
 * codes, budgets, settlement), the civilisation bank, dividends by points and credit ratings with consent.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rewards")
package org.shanzhi.rewards;
