package org.shanzhi.monitoring;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.shanzhi.common.Actor;
import org.shanzhi.common.Audited;
import org.shanzhi.common.ConflictException;
import org.shanzhi.common.Ids;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.Located;
import org.shanzhi.common.NotFoundException;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.monitoring.internal.MonitoringPolicy;
import org.shanzhi.territory.Level;
import org.shanzhi.territory.Territory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Look-back reviews (郾城 回头看) and branch stars (五星支部): configured assessment templates (五查 sections,
 * elements, items), a review per term with village self-diagnosis (自诊) → township check (问诊) → district
 * sample (回诊), the 4 grades, problems and rectification (一村一策), cadre record books, star ratings.
 */
@Service
public class Reviews {

    /** 五查. */
    public static final List<String> SECTIONS = List.of("班子成员", "机制见效", "干部履职", "作用发挥", "作风廉洁");
    /** The 4 grades, best first; a grade's value is 4 - index. */
    public static final List<String> GRADES = List.of("好", "较好", "一般", "差");
    public static final Map<String, String> STAGES = Monitoring.orderedMap("SELF", "村级自诊", "TOWNSHIP", "乡镇问诊", "DISTRICT", "区县回诊");
    public static final Map<String, String> BOOKS = Monitoring.orderedMap("RED", "红色记录簿", "BLACK", "黑色记录簿", "BLUE", "蓝色记录簿");
    public static final Map<String, String> RECORD_KINDS = Monitoring.orderedMap("RECORD", "履职记录", "TALK", "约谈", "CHANGE", "干部调整");
    /** The subject of an assessment: the whole team, or one post. */
    public static final String TEAM = "班子整体";

    public record TemplateItem(long id, String section, String element, String item, int position) {
    }

    public record AssessmentTemplate(long id, String title, List<TemplateItem> items) {
    }

    public record ItemInput(String section, String element, String item) {
    }

    public record Review(long id, long templateId, String title, int termStart, int termEnd, int midTermYear, int sampleSize) {
    }

    public record Assessment(long id, long reviewId, String villageCode, String stage, String subject, String overall,
            Map<Long, String> grades, String note, String assessedBy, LocalDateTime assessedAt) {
    }

    public record Rectification(long id, long reviewId, String villageCode, Long problemId, String measure, LocalDate deadline,
            String status, String closingNote, String closedBy, LocalDateTime closedAt) {
    }

    public record Problem(long id, long reviewId, String villageCode, String kind, String description, String foundStage) {
    }

    /** A village's rectification plan: its measures; closed when every measure is closed. */
    public record Plan(String villageCode, List<Rectification> measures, long open, boolean closed) {
    }

    public record CadreRecord(long id, String villageCode, String cadreName, String book, String kind, String description,
            Long reviewId, String recordedBy, LocalDateTime recordedAt) {
    }

    public record Stars(String villageCode, String villageName, int year, int stars, Integer targetStars, boolean weakLax, String note) {
    }

    /** Grade counts of one stage, for the team subject. */
    public record Summary(Review review, Map<String, Map<String, Long>> gradesByStage, List<String> sample) {
    }

    private final JdbcClient jdbc;
    private final Territory territory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Reviews(JdbcClient jdbc, Territory territory, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.territory = territory;
        this.events = events;
        this.clock = clock;
    }

    // ---- templates -------------------------------------------------------------------------------

    @Transactional
    public AssessmentTemplate createTemplate(String title, List<ItemInput> items) {
        Actor a = MonitoringPolicy.requireStaff();
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA), "制定考察表");
        String t = Monitoring.text(title, "title", 200, true);
        if (items == null || items.isEmpty() || items.size() > 500) {
            throw new InvalidInputException("items", "考察表须有 1 到 500 项具体内容 / 1..500 items");
        }
        for (int i = 0; i < items.size(); i++) {
            ItemInput it = items.get(i);
            if (it == null || it.section() == null || !SECTIONS.contains(it.section())) {
                throw new InvalidInputException("items[" + i + "].section", "部分应为 " + String.join("/", SECTIONS));
            }
            Monitoring.text(it.element(), "items[" + i + "].element", 200, true);
            Monitoring.text(it.item(), "items[" + i + "].item", 500, true);
        }
        long id = Ids.next();
        jdbc.sql("insert into monitoring_assessment_templates (county_code, id, title, created_by, created_at) values (?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, t, a.displayName(), LocalDateTime.now(clock)).update();
        for (int i = 0; i < items.size(); i++) {
            ItemInput it = items.get(i);
            jdbc.sql("insert into monitoring_assessment_items (county_code, id, template_id, section, element, item, \"position\") values (?, ?, ?, ?, ?, ?, ?)")
                    .params(a.countyCode(), Ids.next(), id, it.section(), it.element().trim(), it.item().trim(), i).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.assessment.template", "assessment-template", String.valueOf(id), null, null,
                t + ": " + items.size() + " items"));
        return template(a.countyCode(), id);
    }

    /** One refused line of an imported assessment form (line 0: the file as a whole). */
    public record RowError(long row, String column, String reason) implements java.io.Serializable {
    }

    /** What an import did: the new template, or (imported = false, nothing saved) every refused line. */
    public record TemplateImport(boolean imported, Long templateId, int sections, int elements, int items, List<RowError> errors)
            implements java.io.Serializable {
    }

    /** The file's columns: 部分 (五查), 考察要素, 具体内容; the English names are accepted too. */
    static final List<List<String>> IMPORT_COLUMNS = List.of(List.of("部分", "五查", "section"), List.of("考察要素", "要素", "element"),
            List.of("具体内容", "内容", "item"));

    /**
     * Imports an assessment form from a CSV file (header 部分,考察要素,具体内容; one item a line). Every line is
     * checked first; with any error nothing is saved and the answer lists each refused line.
     */
    @Transactional
    public TemplateImport importTemplate(String title, String fileName, byte[] bytes) {
        MonitoringPolicy.requireStaff();
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA), "制定考察表");
        String t = Monitoring.text(title, "title", 200, true);
        List<RowError> errors = new ArrayList<>();
        List<ItemInput> inputs = new ArrayList<>();
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("file", "请选择 CSV 文件 / choose a CSV file");
        }
        if (fileName != null && !fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            errors.add(new RowError(0, "file", "请上传 .csv 文件(UTF-8) / upload a .csv file (UTF-8)"));
            return new TemplateImport(false, null, 0, 0, 0, errors);
        }
        List<org.shanzhi.monitoring.internal.AssessmentCsv.Row> rows;
        try {
            rows = org.shanzhi.monitoring.internal.AssessmentCsv.read(bytes);
        } catch (org.shanzhi.monitoring.internal.AssessmentCsv.Unreadable e) {
            return new TemplateImport(false, null, 0, 0, 0, List.of(new RowError(0, "file", e.getMessage())));
        }
        if (rows.isEmpty()) {
            return new TemplateImport(false, null, 0, 0, 0, List.of(new RowError(0, "file", "文件为空 / the file is empty")));
        }
        int[] col = new int[3];
        List<String> header = rows.get(0).cells();
        for (int c = 0; c < 3; c++) {
            col[c] = -1;
            for (int h = 0; h < header.size(); h++) {
                if (IMPORT_COLUMNS.get(c).contains(header.get(h).toLowerCase(java.util.Locale.ROOT))) {
                    col[c] = h;
                }
            }
            if (col[c] < 0) {
                errors.add(new RowError(rows.get(0).line(), IMPORT_COLUMNS.get(c).get(0), "缺少列「" + IMPORT_COLUMNS.get(c).get(0)
                        + "」 / missing column " + IMPORT_COLUMNS.get(c).get(2)));
            }
        }
        if (!errors.isEmpty()) {
            return new TemplateImport(false, null, 0, 0, 0, errors);
        }
        if (rows.size() - 1 > 500) {
            return new TemplateImport(false, null, 0, 0, 0, List.of(new RowError(0, "file", "最多 500 项具体内容 / at most 500 items")));
        }
        Set<String> seen = new java.util.HashSet<>();
        for (org.shanzhi.monitoring.internal.AssessmentCsv.Row r : rows.subList(1, rows.size())) {
            String section = cell(r, col[0]);
            String element = cell(r, col[1]);
            String item = cell(r, col[2]);
            boolean ok = true;
            if (!SECTIONS.contains(section)) {
                errors.add(new RowError(r.line(), "部分", "部分应为 " + String.join("/", SECTIONS) + " / section is one of the 五查"));
                ok = false;
            }
            if (element.isEmpty() || element.length() > 200) {
                errors.add(new RowError(r.line(), "考察要素", "考察要素必填,最多 200 字 / element is required, at most 200 characters"));
                ok = false;
            }
            if (item.isEmpty() || item.length() > 500) {
                errors.add(new RowError(r.line(), "具体内容", "具体内容必填,最多 500 字 / item is required, at most 500 characters"));
                ok = false;
            }
            if (ok && !seen.add(section + "\u0000" + element + "\u0000" + item)) {
                errors.add(new RowError(r.line(), "具体内容", "与前面的行重复 / repeats an earlier line"));
                ok = false;
            }
            if (ok) {
                inputs.add(new ItemInput(section, element, item));
            }
        }
        if (!errors.isEmpty() || inputs.isEmpty()) {
            if (errors.isEmpty()) {
                errors.add(new RowError(0, "file", "文件没有具体内容 / the file has no items"));
            }
            return new TemplateImport(false, null, 0, 0, 0, errors);
        }
        AssessmentTemplate created = createTemplate(t, inputs);
        return new TemplateImport(true, created.id(), (int) inputs.stream().map(ItemInput::section).distinct().count(),
                (int) inputs.stream().map(i -> i.section() + "/" + i.element()).distinct().count(), inputs.size(), List.of());
    }

    private static String cell(org.shanzhi.monitoring.internal.AssessmentCsv.Row r, int index) {
        return index < r.cells().size() ? r.cells().get(index) : "";
    }

    /** A template of the county by id. */
    public AssessmentTemplate template(long id) {
        return template(MonitoringPolicy.requireStaff().countyCode(), id);
    }

    public List<AssessmentTemplate> templates() {
        Actor a = MonitoringPolicy.requireStaff();
        return jdbc.sql("select id from monitoring_assessment_templates where county_code = ? order by created_at desc, id desc")
                .param(a.countyCode()).query(Long.class).list().stream().map(id -> template(a.countyCode(), id)).toList();
    }

    private AssessmentTemplate template(String county, long id) {
        String title = jdbc.sql("select title from monitoring_assessment_templates where county_code = ? and id = ?").params(county, id)
                .query(String.class).optional().orElseThrow(() -> new InvalidInputException("templateId", "考察表不存在 / no such template"));
        List<TemplateItem> items = jdbc.sql("select id, section, element, item, \"position\" from monitoring_assessment_items where county_code = ? and template_id = ? order by \"position\"")
                .params(county, id)
                .query((rs, i) -> new TemplateItem(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5))).list();
        return new AssessmentTemplate(id, title, items);
    }

    // ---- reviews and assessments -----------------------------------------------------------------

    /** A review campaign for a five-year term (mid-term review in its third year). */
    @Transactional
    public Review createReview(Long templateId, String title, Integer termStart, Integer sampleSize) {
        Actor a = MonitoringPolicy.requireStaff();
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA), "发起回头看");
        String t = Monitoring.text(title, "title", 200, true);
        if (templateId == null) {
            throw new InvalidInputException("templateId", "考察表必填 / templateId is required");
        }
        template(a.countyCode(), templateId);
        if (termStart == null || termStart < 2000 || termStart > 2100) {
            throw new InvalidInputException("termStart", "任期起始年须在 2000 到 2100 之间 / termStart must be 2000..2100");
        }
        if (sampleSize == null || sampleSize < 1 || sampleSize > 200) {
            throw new InvalidInputException("sampleSize", "抽查村数须在 1 到 200 之间 / sampleSize must be 1..200");
        }
        long id = Ids.next();
        jdbc.sql("insert into monitoring_reviews (county_code, id, template_id, title, term_start, term_end, sample_size, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, templateId, t, termStart, termStart + 5, sampleSize, a.displayName(), LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.review.created", "review", String.valueOf(id), null, null, t));
        return review(a.countyCode(), id);
    }

    public Review review(long id) {
        return review(MonitoringPolicy.requireStaff().countyCode(), id);
    }

    private Review review(String county, long id) {
        return jdbc.sql("select id, template_id, title, term_start, term_end, sample_size from monitoring_reviews where county_code = ? and id = ?")
                .params(county, id)
                .query((rs, i) -> new Review(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(4) + 2,
                        rs.getInt(6)))
                .optional().orElseThrow(() -> new NotFoundException("回头看不存在 / no such review"));
    }

    public List<Review> reviews() {
        Actor a = MonitoringPolicy.requireStaff();
        return jdbc.sql("select id from monitoring_reviews where county_code = ? order by created_at desc, id desc").param(a.countyCode())
                .query(Long.class).list().stream().map(id -> review(a.countyCode(), id)).toList();
    }

    /**
     * One assessment of a village's team or of one post at a stage: every item gets one of the 4 grades; the
     * overall grade is the rounded mean. Stages run in order: SELF (village), TOWNSHIP, DISTRICT (sampled only).
     */
    @Transactional
    public Assessment assess(long reviewId, String villageCode, String stage, String subject, Map<Long, String> grades, String note) {
        Actor a = MonitoringPolicy.requireStaff();
        Review r = review(a.countyCode(), reviewId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.VC, MonitoringPolicy.TA, MonitoringPolicy.CA), "评定考察表");
        if (stage == null || !STAGES.containsKey(stage)) {
            throw new InvalidInputException("stage", "阶段应为 SELF/TOWNSHIP/DISTRICT");
        }
        if (Level.ofCode(villageCode).orElse(null) != Level.VILLAGE || territory.find(villageCode).isEmpty()) {
            throw new InvalidInputException("villageCode", "行政村不存在 / no such village");
        }
        MonitoringPolicy.requireRole(Set.of(switch (stage) {
            case "SELF" -> MonitoringPolicy.VC;
            case "TOWNSHIP" -> MonitoringPolicy.TA;
            default -> MonitoringPolicy.CA;
        }), STAGES.get(stage));
        ScopeGuard.writable(new Located(a.countyCode(), villageCode, null, null));
        String subj = subject == null || subject.isBlank() ? TEAM : Monitoring.text(subject, "subject", 50, true);
        String n = Monitoring.text(note, "note", 1000, false);
        List<TemplateItem> items = template(a.countyCode(), r.templateId()).items();
        if (grades == null || grades.size() != items.size()) {
            throw new InvalidInputException("grades", "须对全部 " + items.size() + " 项具体内容评定档次 / grade every item");
        }
        int sum = 0;
        for (TemplateItem it : items) {
            String g = grades.get(it.id());
            if (g == null || !GRADES.contains(g)) {
                throw new InvalidInputException("grades", "档次应为 好/较好/一般/差 / grade of item " + it.id());
            }
            sum += 4 - GRADES.indexOf(g);
        }
        String overall = overall(sum, items.size());
        if ("TOWNSHIP".equals(stage) && !hasStage(a.countyCode(), reviewId, villageCode, "SELF")) {
            throw new ConflictException("stage", "村级自诊尚未完成 / the village has not self-diagnosed");
        }
        if ("DISTRICT".equals(stage) && !sampleOf(a.countyCode(), reviewId).contains(villageCode)) {
            throw new ConflictException("stage", "该村不在区县抽查名单 / the village is not in the district sample");
        }
        if (jdbc.sql("select count(*) from monitoring_assessments where county_code = ? and review_id = ? and village_code = ? and stage = ? and subject = ?")
                .params(a.countyCode(), reviewId, villageCode, stage, subj).query(Long.class).single() > 0) {
            throw new ConflictException("subject", "该阶段已评定 / already assessed at this stage");
        }
        long id = Ids.next();
        // a concurrent duplicate hits the unique index (409 through the problem handler)
        jdbc.sql("insert into monitoring_assessments (county_code, id, review_id, village_code, stage, subject, overall, note, assessed_by, assessed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, reviewId, villageCode, stage, subj, overall, n, a.displayName(), LocalDateTime.now(clock))
                .update();
        for (TemplateItem it : items) {
            jdbc.sql("insert into monitoring_assessment_grades (county_code, assessment_id, item_id, grade) values (?, ?, ?, ?)")
                    .params(a.countyCode(), id, it.id(), grades.get(it.id())).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.review.assessed", "assessment", String.valueOf(id), null, null,
                villageCode + " " + stage + " " + subj + " = " + overall));
        return new Assessment(id, reviewId, villageCode, stage, subj, overall, new LinkedHashMap<>(grades), n, a.displayName(),
                LocalDateTime.now(clock));
    }

    /** The overall grade: the mean of item values (好 4 … 差 1), rounded half up. */
    public static String overall(int sum, int count) {
        int value = (int) Math.floor((double) sum / count + 0.5);
        return GRADES.get(4 - Math.max(1, Math.min(4, value)));
    }

    private boolean hasStage(String county, long reviewId, String village, String stage) {
        return jdbc.sql("select count(*) from monitoring_assessments where county_code = ? and review_id = ? and village_code = ? and stage = ?")
                .params(county, reviewId, village, stage).query(Long.class).single() > 0;
    }

    /**
     * 回诊: the district samples villages at random among those the townships have checked; seeded by the
     * review id, so the draw is the same every time. Drawn once and kept.
     */
    @Transactional
    public List<String> sample(long reviewId) {
        Actor a = MonitoringPolicy.requireStaff();
        Review r = review(a.countyCode(), reviewId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA), "区县抽查");
        List<String> kept = sampleOf(a.countyCode(), reviewId);
        if (!kept.isEmpty()) {
            return kept;
        }
        List<String> candidates = jdbc.sql("select distinct village_code from monitoring_assessments where county_code = ? and review_id = ? and stage = 'TOWNSHIP' order by village_code")
                .params(a.countyCode(), reviewId).query(String.class).list();
        if (candidates.isEmpty()) {
            throw new ConflictException("reviewId", "尚无乡镇问诊完成的村 / no village has been checked by its township");
        }
        List<String> drawn = draw(reviewId, candidates, r.sampleSize());
        for (int i = 0; i < drawn.size(); i++) {
            jdbc.sql("insert into monitoring_review_samples (county_code, review_id, village_code, \"position\") values (?, ?, ?, ?)")
                    .params(a.countyCode(), reviewId, drawn.get(i), i).update();
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.review.sampled", "review", String.valueOf(reviewId), null, null,
                String.join(",", drawn)));
        return drawn;
    }

    /** A reproducible draw: the candidates sorted, shuffled with the review id as seed, the first n. */
    public static List<String> draw(long seed, List<String> candidates, int n) {
        List<String> list = new ArrayList<>(candidates);
        Collections.sort(list);
        Collections.shuffle(list, new Random(seed));
        return List.copyOf(list.subList(0, Math.min(n, list.size())));
    }

    private List<String> sampleOf(String county, long reviewId) {
        return jdbc.sql("select village_code from monitoring_review_samples where county_code = ? and review_id = ? order by \"position\"")
                .params(county, reviewId).query(String.class).list();
    }

    /** Grade counts per stage (team assessments) and the district sample. */
    public Summary summary(long reviewId) {
        Actor a = MonitoringPolicy.requireStaff();
        Review r = review(a.countyCode(), reviewId);
        String prefix = a.scopeCode() + "%";
        Map<String, Map<String, Long>> byStage = new LinkedHashMap<>();
        for (String stage : STAGES.keySet()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            GRADES.forEach(g -> counts.put(g, 0L));
            jdbc.sql("select overall, count(*) from monitoring_assessments where county_code = ? and review_id = ? and stage = ? and subject = ? and village_code like ? group by overall")
                    .params(a.countyCode(), reviewId, stage, TEAM, prefix)
                    .query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2))).list();
            byStage.put(stage, counts);
        }
        return new Summary(r, byStage, sampleOf(a.countyCode(), reviewId));
    }

    public List<Assessment> assessments(long reviewId, String villageCode) {
        Actor a = MonitoringPolicy.requireStaff();
        review(a.countyCode(), reviewId);
        String code = ScopeGuard.narrow(villageCode);
        List<Assessment> list = jdbc.sql("select id, review_id, village_code, stage, subject, overall, note, assessed_by, assessed_at from monitoring_assessments where county_code = ? and review_id = ? and village_code like ? order by village_code, assessed_at, id")
                .params(a.countyCode(), reviewId, code + "%")
                .query((rs, i) -> new Assessment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), new LinkedHashMap<>(), rs.getString(7), rs.getString(8), rs.getObject(9, LocalDateTime.class)))
                .list();
        for (Assessment as : list) {
            jdbc.sql("select item_id, grade from monitoring_assessment_grades where county_code = ? and assessment_id = ?")
                    .params(a.countyCode(), as.id()).query((rs, i) -> as.grades().put(rs.getLong(1), rs.getString(2))).list();
        }
        return list;
    }

    // ---- problems and rectification --------------------------------------------------------------

    /** A problem found: common (no village) or individual (one village). */
    @Transactional
    public Problem addProblem(long reviewId, String villageCode, String description, String stage) {
        Actor a = MonitoringPolicy.requireStaff();
        review(a.countyCode(), reviewId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.CA, MonitoringPolicy.TA), "登记问题");
        String d = Monitoring.text(description, "description", 1000, true);
        if (stage == null || !STAGES.containsKey(stage)) {
            throw new InvalidInputException("stage", "阶段应为 SELF/TOWNSHIP/DISTRICT");
        }
        String village = null;
        if (villageCode != null && !villageCode.isBlank()) {
            if (Level.ofCode(villageCode).orElse(null) != Level.VILLAGE) {
                throw new InvalidInputException("villageCode", "行政村代码不正确 / not a village code");
            }
            ScopeGuard.writable(new Located(a.countyCode(), villageCode, null, null));
            village = villageCode;
        } else if (!MonitoringPolicy.is(a, MonitoringPolicy.CA) && !MonitoringPolicy.is(a, MonitoringPolicy.SYSTEM)) {
            throw new InvalidInputException("villageCode", "共性问题由县级登记,乡镇须指明村 / name the village");
        }
        long id = Ids.next();
        String kind = village == null ? "COMMON" : "INDIVIDUAL";
        jdbc.sql("insert into monitoring_review_problems (county_code, id, review_id, village_code, kind, description, found_stage, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, reviewId, village, kind, d, stage, LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.review.problem", "review-problem", String.valueOf(id), null, null, kind + ": " + d));
        return new Problem(id, reviewId, village, kind, d, stage);
    }

    /** Problems of a review: the common ones and those of the villages under {@code division} (the caller's scope when null). */
    public List<Problem> problems(long reviewId, String division) {
        Actor a = MonitoringPolicy.requireStaff();
        review(a.countyCode(), reviewId);
        String code = ScopeGuard.narrow(division);
        return jdbc.sql("select id, review_id, village_code, kind, description, found_stage from monitoring_review_problems where county_code = ? and review_id = ? and (village_code is null or village_code like ?) order by created_at, id")
                .params(a.countyCode(), reviewId, code + "%")
                .query((rs, i) -> new Problem(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    /** 一村一策: a measure of a village's rectification plan, with its deadline. */
    @Transactional
    public Rectification addRectification(long reviewId, String villageCode, Long problemId, String measure, LocalDate deadline) {
        Actor a = MonitoringPolicy.requireStaff();
        review(a.countyCode(), reviewId);
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.VC, MonitoringPolicy.TA, MonitoringPolicy.CA), "制定整改措施");
        if (Level.ofCode(villageCode).orElse(null) != Level.VILLAGE) {
            throw new InvalidInputException("villageCode", "行政村代码不正确 / not a village code");
        }
        ScopeGuard.writable(new Located(a.countyCode(), villageCode, null, null));
        String m = Monitoring.text(measure, "measure", 1000, true);
        if (deadline == null || deadline.isBefore(LocalDate.now(clock))) {
            throw new InvalidInputException("deadline", "整改期限必填且不早于今天 / deadline is required, not in the past");
        }
        if (problemId != null && jdbc.sql("select count(*) from monitoring_review_problems where county_code = ? and review_id = ? and id = ? and (village_code is null or village_code = ?)")
                .params(a.countyCode(), reviewId, problemId, villageCode).query(Long.class).single() == 0) {
            throw new InvalidInputException("problemId", "问题不存在 / no such problem");
        }
        long id = Ids.next();
        jdbc.sql("insert into monitoring_rectifications (county_code, id, review_id, village_code, problem_id, measure, deadline, status, created_at) values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")
                .params(a.countyCode(), id, reviewId, villageCode, problemId, m, deadline, LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.rectification.added", "rectification", String.valueOf(id), null, null,
                villageCode + ": " + m + " by " + deadline));
        return rectification(a.countyCode(), id);
    }

    /** Closes a measure with what was done; a closed measure stays closed. */
    @Transactional
    public Rectification closeRectification(long id, String note) {
        Actor a = MonitoringPolicy.requireStaff();
        Rectification r = rectification(a.countyCode(), id);
        ScopeGuard.readable(r, new Located(a.countyCode(), r.villageCode(), null, null));
        MonitoringPolicy.requireRole(Set.of(MonitoringPolicy.VC, MonitoringPolicy.TA, MonitoringPolicy.CA), "整改销号");
        String n = Monitoring.text(note, "note", 1000, true);
        ScopeGuard.writable(new Located(a.countyCode(), r.villageCode(), null, null));
        int updated = jdbc.sql("update monitoring_rectifications set status = 'CLOSED', closing_note = ?, closed_by = ?, closed_at = ? where county_code = ? and id = ? and status = 'OPEN'")
                .params(n, a.displayName(), LocalDateTime.now(clock), a.countyCode(), id).update();
        if (updated == 0) {
            throw new ConflictException("id", "该整改措施已销号 / already closed");
        }
        events.publishEvent(new Audited(a.countyCode(), "monitoring.rectification.closed", "rectification", String.valueOf(id), null,
                "OPEN", "CLOSED: " + n));
        return rectification(a.countyCode(), id);
    }

    public Plan plan(long reviewId, String villageCode) {
        Actor a = MonitoringPolicy.requireStaff();
        review(a.countyCode(), reviewId);
        ScopeGuard.narrow(villageCode);
        List<Rectification> list = jdbc.sql(RECT_SELECT + " where county_code = ? and review_id = ? and village_code = ? order by deadline, id")
                .params(a.countyCode(), reviewId, villageCode).query(Reviews::mapRect).list();
        long open = list.stream().filter(r -> "OPEN".equals(r.status())).count();
        return new Plan(villageCode, list, open, !list.isEmpty() && open == 0);
    }

    private static final String RECT_SELECT = "select id, review_id, village_code, problem_id, measure, deadline, status, closing_note, closed_by, closed_at from monitoring_rectifications";

    private Rectification rectification(String county, long id) {
        return jdbc.sql(RECT_SELECT + " where county_code = ? and id = ?").params(county, id).query(Reviews::mapRect).optional()
                .orElseThrow(() -> new NotFoundException("整改措施不存在 / no such rectification"));
    }

    private static Rectification mapRect(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Rectification(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Long.class), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, LocalDateTime.class));
    }

    // ---- cadre records and stars -----------------------------------------------------------------

    @Transactional
    public CadreRecord record(String villageCode, String cadreName, String book, String kind, String description, Long reviewId) {
        Actor a = Duties.villageWriter(villageCode, Set.of(MonitoringPolicy.VC, MonitoringPolicy.TA, MonitoringPolicy.CA), "记录村史记录簿");
        String name = Monitoring.text(cadreName, "cadreName", 100, true);
        if (book == null || !BOOKS.containsKey(book)) {
            throw new InvalidInputException("book", "记录簿应为 RED/BLACK/BLUE");
        }
        String k = kind == null || kind.isBlank() ? "RECORD" : kind;
        if (!RECORD_KINDS.containsKey(k)) {
            throw new InvalidInputException("kind", "类型应为 RECORD/TALK/CHANGE");
        }
        String d = Monitoring.text(description, "description", 1000, true);
        if (reviewId != null) {
            review(a.countyCode(), reviewId);
        }
        long id = Ids.next();
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("insert into monitoring_cadre_records (county_code, id, village_code, cadre_name, book, kind, description, review_id, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), id, villageCode, name, book, k, d, reviewId, a.displayName(), now).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.cadre.recorded", "cadre-record", String.valueOf(id), null, null,
                villageCode + " " + name + " " + book + "/" + k));
        return new CadreRecord(id, villageCode, name, book, k, d, reviewId, a.displayName(), now);
    }

    public List<CadreRecord> records(String villageCode) {
        Actor a = Duties.villageReader(villageCode);
        return jdbc.sql("select id, village_code, cadre_name, book, kind, description, review_id, recorded_by, recorded_at from monitoring_cadre_records where county_code = ? and village_code = ? order by recorded_at desc, id desc")
                .params(a.countyCode(), villageCode)
                .query((rs, i) -> new CadreRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getObject(7, Long.class), rs.getString(8), rs.getObject(9, LocalDateTime.class)))
                .list();
    }

    /** A branch's stars for a year, its target (三年创五星) and the weak-and-lax flag (软弱涣散). */
    @Transactional
    public Stars rate(String villageCode, Integer year, Integer stars, Integer targetStars, Boolean weakLax, String note) {
        Actor a = Duties.villageWriter(villageCode, Set.of(MonitoringPolicy.TA, MonitoringPolicy.CA), "评定星级");
        if (year == null || year < 2000 || year > 2100) {
            throw new InvalidInputException("year", "年度须在 2000 到 2100 之间 / year must be 2000..2100");
        }
        if (stars == null || stars < 1 || stars > 5) {
            throw new InvalidInputException("stars", "星级须为 1 到 5 / stars must be 1..5");
        }
        if (targetStars != null && (targetStars < 1 || targetStars > 5)) {
            throw new InvalidInputException("targetStars", "目标星级须为 1 到 5 / targetStars must be 1..5");
        }
        boolean weak = weakLax != null && weakLax;
        String n = Monitoring.text(note, "note", 1000, weak);
        jdbc.sql("delete from monitoring_branch_stars where county_code = ? and village_code = ? and star_year = ?")
                .params(a.countyCode(), villageCode, year).update();
        jdbc.sql("insert into monitoring_branch_stars (county_code, village_code, star_year, stars, target_stars, weak_lax, note, rated_by, rated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(a.countyCode(), villageCode, year, stars, targetStars, weak, n, a.displayName(), LocalDateTime.now(clock)).update();
        events.publishEvent(new Audited(a.countyCode(), "monitoring.stars.rated", "village", villageCode, null, null,
                year + ": " + stars + "★" + (weak ? " 软弱涣散" : "")));
        return new Stars(villageCode, territory.find(villageCode).map(org.shanzhi.territory.Division::name).orElse(villageCode), year, stars,
                targetStars, weak, n);
    }

    /** The star board of a year under a division (anyone signed in, within their territory). */
    public List<Stars> starBoard(Integer year, String division) {
        Actor a = ScopeGuard.actor();
        String code = ScopeGuard.narrow(division);
        // no year asked: the latest year rated
        int y = year != null ? Monitoring.checkYear(year) : jdbc.sql("select max(star_year) from monitoring_branch_stars where county_code = ?")
                .param(a.countyCode()).query((rs, i) -> rs.getObject(1, Integer.class)).list().stream().filter(java.util.Objects::nonNull).findFirst()
                .orElse(LocalDate.now(clock).getYear());
        if (!code.startsWith(a.countyCode())) {
            throw new NotFoundException("未找到 / not found");
        }
        return jdbc.sql("select village_code, star_year, stars, target_stars, weak_lax, note from monitoring_branch_stars where county_code = ? and star_year = ? and village_code like ? order by stars desc, village_code")
                .params(a.countyCode(), y, (code.length() > 12 ? code.substring(0, 12) : code) + "%")
                .query((rs, i) -> new Stars(rs.getString(1), territory.find(rs.getString(1)).map(org.shanzhi.territory.Division::name)
                        .orElse(rs.getString(1)), rs.getInt(2), rs.getInt(3), rs.getObject(4, Integer.class), rs.getBoolean(5), rs.getString(6)))
                .list();
    }
}
