package org.shanzhi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.support.Api;
import org.shanzhi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The 郾城 回头看 assessment form ships as an example CSV: 五查 in 5 sections, 30 elements, 71 items (seed 004,
 * S4:L23). The import checks every line and saves nothing when one is wrong.
 */
@IntegrationTest
class AssessmentFormImportTest {

    static final String FILE = "/monitoring/yancheng-look-back-template.csv";

    @Autowired
    Reviews reviews;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MockMvc mvc;

    private static byte[] shipped() throws Exception {
        try (InputStream in = AssessmentFormImportTest.class.getResourceAsStream(FILE)) {
            assertThat(in).as(FILE).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void theShippedFormHasTheSeedsFiveSectionsThirtyElementsAndSeventyOneItems() throws Exception {
        // counted from the file itself, line by line
        List<String> lines = new String(shipped(), StandardCharsets.UTF_8).lines().skip(1).filter(l -> !l.isBlank()).toList();
        Set<String> sections = new LinkedHashSet<>();
        Set<String> elements = new LinkedHashSet<>();
        for (String l : lines) {
            String[] c = l.split(",", -1);
            assertThat(c).as(l).hasSize(3);
            sections.add(c[0]);
            elements.add(c[0] + "/" + c[1]);
        }
        assertThat(sections).containsExactlyElementsOf(Reviews.SECTIONS);
        assertThat(elements).hasSize(30);
        assertThat(lines).hasSize(71);

        byte[] file = shipped();
        Reviews.TemplateImport result = ScopeGuard.asSystem("469030",
                () -> reviews.importTemplate("郾城回头看考察表(导入测试)", "form.csv", file));
        assertThat(result.errors()).isEmpty();
        assertThat(result.imported()).isTrue();
        assertThat(result.sections()).isEqualTo(sections.size()).isEqualTo(5);
        assertThat(result.elements()).isEqualTo(elements.size()).isEqualTo(30);
        assertThat(result.items()).isEqualTo(lines.size()).isEqualTo(71);
        Reviews.AssessmentTemplate t = ScopeGuard.asSystem("469030", () -> reviews.template(result.templateId()));
        assertThat(t.items()).hasSize(71);
        assertThat(t.items().get(0).section()).isEqualTo("班子成员");
        assertThat(t.items().get(70).section()).isEqualTo("作风廉洁");
    }

    @Test
    void theDemoReviewUsesTheFullForm() {
        Long items = jdbc.queryForObject("""
                select count(*) from monitoring_assessment_items i join monitoring_reviews r on r.county_code = i.county_code
                and r.template_id = i.template_id where r.county_code = '469030' and r.title = '2021年村(社区)两委换届回头看'""", Long.class);
        assertThat(items).isEqualTo(71);
    }

    private static byte[] csv(String text) throws Exception {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private long templates() {
        return jdbc.queryForObject("select count(*) from monitoring_assessment_templates", Long.class);
    }

    @Test
    void aFileWithWrongLinesIsRefusedLineByLineAndNothingIsSaved() throws Exception {
        long before = templates();
        byte[] broken = csv("""
                部分,考察要素,具体内容
                班子成员,政治素质,理想信念坚定
                查纪律,政治素质,不在五查之中
                机制见效,,要素为空
                作风廉洁,廉洁自律,
                班子成员,政治素质,理想信念坚定
                """);
        Reviews.TemplateImport r = ScopeGuard.asSystem("469030", () -> reviews.importTemplate("坏文件", "bad.csv", broken));
        assertThat(r.imported()).isFalse();
        assertThat(r.errors()).extracting(Reviews.RowError::row).containsExactly(3L, 4L, 5L, 6L);
        assertThat(r.errors()).extracting(Reviews.RowError::column).containsExactly("部分", "考察要素", "具体内容", "具体内容");
        assertThat(templates()).isEqualTo(before);

        byte[] twoColumns = csv("部分,要素名\n班子成员,a\n");
        Reviews.TemplateImport noColumn = ScopeGuard.asSystem("469030", () -> reviews.importTemplate("缺列", "x.csv", twoColumns));
        assertThat(noColumn.errors()).extracting(Reviews.RowError::column).containsExactly("考察要素", "具体内容");
        Reviews.TemplateImport notUtf8 = ScopeGuard.asSystem("469030", () -> reviews.importTemplate("乱码", "x.csv",
                "部分,考察要素,具体内容\n班子成员,政治素质,坚定\n".getBytes(java.nio.charset.Charset.forName("GBK"))));
        assertThat(notUtf8.errors()).singleElement().satisfies(e -> assertThat(e.reason()).contains("UTF-8"));
        assertThat(templates()).isEqualTo(before);
    }

    @Test
    void theApiAnswers201ForTheShippedFileAnd422WithTheRowsForABrokenOne() throws Exception {
        String token = Api.token(mvc, "county_admin");
        MvcResult ok = mvc.perform(multipart("/api/v1/monitoring/assessment-templates/import")
                .file(new MockMultipartFile("file", "yancheng.csv", "text/csv", shipped())).param("title", "郾城考察表(接口)")
                .header("Authorization", Api.bearer(token))).andReturn();
        assertThat(ok.getResponse().getStatus()).as(ok.getResponse().getContentAsString()).isEqualTo(201);
        assertThat(ok.getResponse().getContentAsString()).contains("\"items\":71", "\"elements\":30", "\"sections\":5");

        long before = templates();
        MvcResult bad = mvc.perform(multipart("/api/v1/monitoring/assessment-templates/import")
                .file(new MockMultipartFile("file", "bad.csv", "text/csv", csv("部分,考察要素,具体内容\n五查,a,b\n"))).param("title", "坏")
                .header("Authorization", Api.bearer(token))).andReturn();
        assertThat(bad.getResponse().getStatus()).isEqualTo(422);
        assertThat(bad.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"row\":2", "部分");
        assertThat(templates()).isEqualTo(before);
    }
}
