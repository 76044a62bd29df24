/**
 * Deliberation: villagers' proposals, the 四议两公开 procedure of a matter, meetings with notice, bodies and
 * councils with their votes, village-rule caps and the banquet register, the small-micro power list (小微权力清单)
 * and monthly village-affairs disclosures. Other modules ask {@link org.shanzhi.deliberation.Matters} whether a
 * matter needs (and has) a resolution. Publishes {@link org.shanzhi.deliberation.ResolutionPublished},
 * {@link org.shanzhi.deliberation.ResultPublished}, {@link org.shanzhi.deliberation.VoteClosed} and
 * {@link org.shanzhi.deliberation.VillageAffairsDisclosed} for the public notices, and
 * {@link org.shanzhi.common.Audited} for every change. Posts each of those as a public notice through
 * {@link org.shanzhi.disclosure.NoticeBoard} (internal/NoticePosting) and keeps the notice id.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Deliberation",
        allowedDependencies = {"territory", "registry", "identity", "disclosure", "common"})
package org.shanzhi.deliberation;
