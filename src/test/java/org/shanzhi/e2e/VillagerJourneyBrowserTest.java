package org.shanzhi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shanzhi.cases.CaseDesk;
import org.shanzhi.cases.DispatchCase;
import org.shanzhi.cases.HandleCase;
import org.shanzhi.common.ScopeGuard;
import org.shanzhi.deliberation.Bodies;
import org.shanzhi.deliberation.Votes;
import org.shanzhi.demo.DemoAccounts;
import org.shanzhi.disclosure.NewNotice;
import org.shanzhi.disclosure.NoticeBoard;
import org.shanzhi.disclosure.NoticeItem;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The villager's whole phone journey at 360×740, by taps and typing: log in → my household and members → my
 * points, rank and ledger → declare a good deed (with a photo when the form takes one) → a notice, object to a
 * line → the supermarket, redeem, the QR code → report a problem, follow it, rate it → raise a proposal, vote →
 * the home in English. Screenshots: target/screenshots/villager-NN-step.png.
 */
class VillagerJourneyBrowserTest extends BrowserJourney {

    /** 18 digits (or 17 and X) or a mobile number: personal data in clear. */
    static final Pattern CLEAR = Pattern.compile("(?<![0-9])([0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])");

    @Autowired
    NoticeBoard board;
    @Autowired
    CaseDesk desk;
    @Autowired
    Bodies bodies;
    @Autowired
    Votes votes;

    @Test
    void aVillagerWalksTheWholeJourneyOnA360pxPhone() {
        String run = Long.toString(System.nanoTime() % 1_000_000);
        String journey = "villager";
        // what the village has going on: an open notice, spendable points and a vote the villager sits on
        long notice = ScopeGuard.asSystem(DemoAccounts.COUNTY, () -> board.publish(new NewNotice(VILLAGE, "VILLAGE_AFFAIRS", "e2e", run,
                "便文村3月村务公开(" + run + ")", "村道硬化工程支出明细,请村民监督。", 7,
                List.of(new NoticeItem("road", "村道硬化", "支出 12,800.00 元"), new NoticeItem("lamp", "路灯维修", "支出 1,350.00 元")))));
        readyToRedeem(50);
        String motion = "关于村道路灯增设的表决(" + run + ")";
        ScopeGuard.asSystem(DemoAccounts.COUNTY, () -> {
            long body = bodies.create(new Bodies.NewBody(VILLAGE, "REPRESENTATIVE_ASSEMBLY", "便文村村民代表会议" + run, null, null,
                    null, null, null, null, null, null)).id();
            bodies.addMember(body, new Bodies.NewMember("村民代表", "villager", null, "代表"));
            return votes.open(new Votes.NewVote(body, motion, true, null));
        });

        try (BrowserContext context = context(360, 740)) {
            // 1. log in: a villager lands on the phone home, every step one big button away
            Page page = login(context, "villager", "/m");
            assertThat(page.locator("ul.tiles a").count()).isGreaterThanOrEqualTo(9);
            assertThat(page.textContent("main")).contains("我的家庭", "我的积分", "申报好人好事", "公示公开", "积分超市", "我要反映",
                    "村民提议", "村民投票");
            assertThat(smallestText(page)).as("smallest text on the phone home").isGreaterThanOrEqualTo(14);
            assertThat(page.locator("ul.tiles a").first().boundingBox().height).as("a button a thumb can hit").isGreaterThanOrEqualTo(48);
            shoot(page, journey, "01-home");
            long weight = pageWeight(page);
            System.out.println("villager phone home: " + weight + " bytes (document + stylesheet + icon)");
            assertThat(weight).as("the phone home stays small for a slow connection").isLessThan(30_000);

            // 2. my household and members, ID numbers and phones masked
            clickTo(page, "a[href='/m/household']", "**/m/household");
            assertThat(page.textContent("main")).contains("家庭成员", "身份证号", "****");
            assertThat(CLEAR.matcher(page.content()).find()).as("personal data in clear").isFalse();
            shoot(page, journey, "02-household");

            // 3. my points: score, stars or none, rank, the ledger in words
            home(page);
            clickTo(page, "ul.tiles a[href='/m/points']", "**/m/points");
            assertThat(page.textContent("#standing")).contains("得分", "村排名", "组排名");
            assertThat(page.textContent("#ledger")).contains("积分台账").doesNotContain("CREDIT");
            shoot(page, journey, "03-points");

            // 4. declare a good deed (with a photo when the form has a file input)
            clickTo(page, "main a[href='/m/points/declare']", "**/m/points/declare");
            String item = (String) page.evaluate("""
                    () => { const o = [...document.querySelectorAll('select[name=itemId] option')].find(o => !o.textContent.includes('需证明'))
                              || document.querySelector('select[name=itemId] option'); return o.value; }""");
            page.selectOption("select[name=itemId]", item);
            page.fill("textarea[name=description]", "3月2日在村口帮五保户修好了漏水的屋顶(" + run + ")");
            if (page.locator("textarea[name=evidenceText]").count() > 0) {
                page.fill("textarea[name=evidenceText]", "邻居李大爷可以证明");
            }
            if (page.locator("form input[type=file]").count() > 0) {
                page.setInputFiles("form input[type=file]", new FilePayload("deed.png", "image/png", PNG));
            }
            shoot(page, journey, "04-declare");
            clickTo(page, "form button[type=submit]", "**/m/points");
            assertThat(page.textContent("main")).contains("已提交", "办理中", "待核实");
            shoot(page, journey, "05-declared");

            // 5. notices of the village: open one, object to a line
            home(page);
            clickTo(page, "ul.tiles a[href='/m/notices']", "**/m/notices");
            assertThat(page.textContent("main")).contains("公示中").doesNotContain("OPEN");
            shoot(page, journey, "06-notices");
            clickTo(page, "main a[href='/m/notices/" + notice + "']", "**/m/notices/" + notice);
            assertThat(page.textContent("main")).contains("路灯维修", "支出 1,350.00 元", "公示中");
            page.check("#object input[value=lamp]");
            page.fill("#object textarea[name=reason]", "路灯维修只换了两个灯泡,支出偏高,请核实(" + run + ")");
            shoot(page, journey, "07-notice");
            page.click("#object button[type=submit]");
            page.waitForSelector("main .alert");
            assertThat(page.textContent("main .alert")).contains("异议已提交");
            assertThat(page.textContent("#objections")).contains("待答复", "路灯维修", "只换了两个灯泡");
            shoot(page, journey, "08-objected");

            // 6. the supermarket: redeem soap, the code as a large QR code
            home(page);
            clickTo(page, "ul.tiles a[href='/m/rewards']", "**/m/rewards");
            assertThat(page.textContent("#spendable")).contains("可用积分");
            shoot(page, journey, "09-rewards");
            clickTo(page, "section.goods:has-text('香皂') button[type=submit]", "**/m/rewards/code/*");
            Locator qr = page.locator("img.qr");
            qr.waitFor();
            page.waitForFunction("() => document.querySelector('img.qr').complete && document.querySelector('img.qr').naturalWidth > 0");
            assertThat(qr.boundingBox().width).as("QR code width on a 360 px phone").isGreaterThanOrEqualTo(280);
            assertThat(page.textContent("#redemption")).contains("香皂", "待核销").containsPattern("[0-9]{8}");
            shoot(page, journey, "10-qr");

            // 7. report a problem with a photo, follow it, rate it
            home(page);
            clickTo(page, "ul.tiles a[href='/m/cases/new']", "**/m/cases/new");
            page.selectOption("select[name=categoryCode]", "ENV");
            page.fill("textarea[name=description]", "村口垃圾桶满了三天没人清运(" + run + ")");
            page.fill("input[name=address]", "便文村口");
            page.setInputFiles("input[name=photo]", new FilePayload("bin.png", "image/png", PNG));
            shoot(page, journey, "11-report");
            clickTo(page, "form button[type=submit]", "**/m/cases/*");
            assertThat(page.textContent("#case-status")).contains("已上报");
            shoot(page, journey, "12-reported");
            long caseId = Long.parseLong(page.url().substring(page.url().lastIndexOf('/') + 1));
            ScopeGuard.asSystem(DemoAccounts.COUNTY, () -> {
                desk.accept(caseId, null);
                desk.dispatch(caseId, new DispatchCase("grid_worker", null, null, null));
                desk.handle(caseId, new HandleCase("垃圾已清运", null));
                return desk.feedback(caseId, "已清运,请评价");
            });
            clickTo(page, "a[href='/m/cases']", "**/m/cases");
            assertThat(page.textContent("main")).contains("请评价");
            clickTo(page, "a[href='/m/cases/" + caseId + "']", "**/m/cases/" + caseId);
            page.check("#rate input[value=SATISFIED]");
            page.fill("#rate input[name=note]", "清运及时");
            page.click("#rate button[type=submit]");
            page.waitForSelector("#case-status:has-text('已结案')");
            assertThat(page.locator("#rate").count()).isZero();
            assertThat(page.textContent("#progress")).contains("已上报", "已结案").doesNotContain("CLOSED");
            shoot(page, journey, "13-rated");

            // 8. raise a proposal, then vote
            home(page);
            clickTo(page, "ul.tiles a[href='/m/proposals']", "**/m/proposals");
            page.fill("#raise input[name=title]", "在村小学门口加装减速带(" + run + ")");
            page.fill("#raise textarea[name=body]", "上学放学时车速快,孩子过马路不安全。");
            page.fill("#raise input[name=category]", "交通安全");
            shoot(page, journey, "14-proposal-form");
            clickTo(page, "#raise button[type=submit]", "**/m/proposals/*");
            assertThat(page.textContent("main")).contains("提议已提交", "在村小学门口加装减速带", "征集中");
            shoot(page, journey, "15-proposal");

            home(page);
            clickTo(page, "ul.tiles a[href='/m/votes']", "**/m/votes");
            assertThat(page.textContent("main li:has-text('" + motion + "')")).contains("待您投票", "进行中");
            shoot(page, journey, "16-votes");
            clickTo(page, "main a:has-text('" + motion + "')", "**/m/votes/*");
            shoot(page, journey, "17-ballot");
            page.click("#ballot button[value=FOR]");
            page.waitForSelector("#voted");
            assertThat(page.textContent("main")).contains("投票成功", "您已投票", "已投 1 票,共 1 人");
            assertThat(page.locator("#ballot").count()).isZero();
            shoot(page, journey, "18-voted");

            // 9. the same home in English
            page.navigate(base() + "/m?lang=en");
            page.waitForSelector("ul.tiles");
            assertThat(page.textContent("main")).contains("My household", "Declare a good deed", "Points shop", "Votes");
            shoot(page, journey, "19-home-en");
            page.navigate(base() + "/m/points?lang=en");
            assertThat(page.textContent("main")).contains("My points", "Ledger");
            shoot(page, journey, "20-points-en");
            page.navigate(base() + "/m?lang=zh-CN");
        }
    }

    /** Back to the phone home: its button on phone pages, the brand (/ leads a villager to /m) on console pages. */
    private static void home(Page page) {
        page.click(page.locator("header a.m-home").count() > 0 ? "header a.m-home" : "header a.brand");
        page.waitForURL("**/m");
        page.waitForSelector("ul.tiles", new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
    }
}
