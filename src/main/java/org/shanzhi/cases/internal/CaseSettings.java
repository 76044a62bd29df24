package org.shanzhi.cases.internal;

import java.util.EnumMap;
import java.util.Map;
import org.shanzhi.cases.CaseLevel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Defaults of the case engine ({@code shanzhi.cases.*}). A county may override the level limits in
 * {@code case_level_limits}. The seeds' numbers: 琼海 小事不过夜 (group: same day), 甘德 7 days for what reaches
 * the township, 宁乡大成桥 "1+1" (report within a day), 数字城管 yellow at 80% of the limit; 平谷 names no
 * whistle deadline, so it is configurable.
 */
@Component
public class CaseSettings {

    private final Map<CaseLevel, Integer> levelHours = new EnumMap<>(CaseLevel.class);
    private final int responseHours;
    private final double yellowShare;
    private final int whistleHours;
    private final int ratingDays;
    private final int photoMaxBytes;

    CaseSettings(@Value("${shanzhi.cases.level-hours.household:24}") int household,
            @Value("${shanzhi.cases.level-hours.group:24}") int group,
            @Value("${shanzhi.cases.level-hours.village:72}") int village,
            @Value("${shanzhi.cases.level-hours.township:168}") int township,
            @Value("${shanzhi.cases.response-hours:24}") int responseHours,
            @Value("${shanzhi.cases.yellow-share:0.8}") double yellowShare,
            @Value("${shanzhi.cases.whistle-hours:24}") int whistleHours,
            @Value("${shanzhi.cases.rating-days:7}") int ratingDays,
            @Value("${shanzhi.cases.photo-max-bytes:5242880}") int photoMaxBytes) {
        levelHours.put(CaseLevel.HOUSEHOLD, household);
        levelHours.put(CaseLevel.GROUP, group);
        levelHours.put(CaseLevel.VILLAGE, village);
        levelHours.put(CaseLevel.TOWNSHIP, township);
        if (yellowShare <= 0 || yellowShare >= 1) {
            throw new IllegalArgumentException("shanzhi.cases.yellow-share must be between 0 and 1");
        }
        this.responseHours = responseHours;
        this.yellowShare = yellowShare;
        this.whistleHours = whistleHours;
        this.ratingDays = ratingDays;
        this.photoMaxBytes = photoMaxBytes;
    }

    /** Default limit of a level in hours. */
    public int levelHours(CaseLevel level) {
        return levelHours.get(level);
    }

    /** Hours within which a reported case should be accepted or refused (response rate). */
    public int responseHours() {
        return responseHours;
    }

    /** Share of a level's limit after which the light turns yellow. */
    public double yellowShare() {
        return yellowShare;
    }

    public int whistleHours() {
        return whistleHours;
    }

    /** Days the reporter has to rate after the feedback; then the sweep closes the case unrated. */
    public int ratingDays() {
        return ratingDays;
    }

    public int photoMaxBytes() {
        return photoMaxBytes;
    }
}
