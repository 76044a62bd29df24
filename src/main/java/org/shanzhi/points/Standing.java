package org.shanzhi.points;

/**
 * What a villager sees about their own household: the period's score, rank and stars, and the year's balances
 * (honour: the ranking score; spendable: what redemption may use, by the scheme).
 */
public record Standing(long householdId, String label, String period, String periodLabel, long baseScore, long score, long points,
        Integer groupRank, Integer villageRank, Integer townshipRank, int rankedInVillage, int stars, boolean vetoed, int year,
        long honour, long spendable) {
}
