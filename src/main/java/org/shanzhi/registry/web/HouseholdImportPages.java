package org.shanzhi.registry.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.shanzhi.common.InvalidInputException;
import org.shanzhi.common.console.ConsoleController;
import org.shanzhi.common.console.Fmt;
import org.shanzhi.registry.HouseholdImport;
import org.shanzhi.registry.ImportResult;
import org.shanzhi.registry.Relation;
import org.shanzhi.registry.Tags;
import org.shanzhi.registry.internal.HouseholdFile;
import org.shanzhi.registry.internal.RegistryPolicy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Upload a household/person sheet and see what was imported, or every refused row; download the template. */
@ConsoleController
class HouseholdImportPages {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final HouseholdImport importer;
    private final Fmt fmt;

    HouseholdImportPages(HouseholdImport importer, Fmt fmt) {
        this.importer = importer;
        this.fmt = fmt;
    }

    @GetMapping("/households/import")
    String form(Model model) {
        RegistryPolicy.requireWriterRole();
        model.addAttribute("columns", HouseholdFile.COLUMNS.values());
        return "registry/import";
    }

    @PostMapping("/households/import")
    String upload(@RequestParam(name = "file", required = false) MultipartFile file, Model model, HttpServletResponse res)
            throws IOException {
        RegistryPolicy.requireWriterRole();
        model.addAttribute("columns", HouseholdFile.COLUMNS.values());
        if (file == null || file.isEmpty()) {
            model.addAttribute("errors", fmt.errors(new InvalidInputException("file",
                    "请选择 .xlsx 或 .csv 文件 / choose an .xlsx or .csv file")));
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "registry/import";
        }
        ImportResult result;
        try (InputStream in = file.getInputStream()) {
            result = importer.importFile(file.getOriginalFilename(), in);
        }
        model.addAttribute("result", result);
        model.addAttribute("filename", file.getOriginalFilename());
        if (!result.imported()) {
            res.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        }
        return "registry/import";
    }

    /** The sheet cadres fill in: the Chinese headers the import reads, and a second sheet saying what goes where. */
    @GetMapping("/households/import/template.xlsx")
    ResponseEntity<byte[]> template() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@")); // ID numbers and codes stay text, not 4.69E+17

            Sheet sheet = wb.createSheet("户与人员");
            Row header = sheet.createRow(0);
            List<String> headers = List.copyOf(HouseholdFile.COLUMNS.values());
            for (int i = 0; i < headers.size(); i++) {
                var cell = header.createCell(i);
                cell.setCellValue(headers.get(i));
                cell.setCellStyle(bold);
                sheet.setDefaultColumnStyle(i, text);
                sheet.setColumnWidth(i, (headers.get(i).length() * 2 + 8) * 256);
            }
            sheet.setColumnWidth(headers.indexOf("身份证号"), 22 * 256);
            sheet.setColumnWidth(headers.indexOf("地址"), 30 * 256);
            sheet.createFreezePane(0, 1);

            Sheet help = wb.createSheet("填写说明");
            String[][] rows = {
                    {"列", "说明"},
                    {"户编号", "必填。同一户的每个成员各占一行,户编号相同"},
                    {"行政村代码", "必填。12 位统计用区划代码,如 469030202200"},
                    {"村民小组代码", "可空。15 位,村代码后加 3 位组号"},
                    {"地址", "每户第一行必填"},
                    {"户联系电话", "可空。11 位手机号"},
                    {"户标签", "可空。多个用逗号分隔:" + String.join("、", Tags.KNOWN.stream().sorted().toList())},
                    {"姓名", "必填"},
                    {"性别", "男 或 女,须与身份证号一致"},
                    {"出生日期", "yyyy-MM-dd,须与身份证号一致"},
                    {"身份证号", "必填。18 位,末位校验码正确"},
                    {"手机号", "可空。11 位手机号"},
                    {"与户主关系", "必填,每户有且只有一个户主:" + String.join("、", Relation.ALL)},
                    {"人员标签", "可空。同户标签"},
                    {"", "文件中任何一行有错,整个文件都不导入,并列出每个错误的行、列和原因。"}};
            for (int i = 0; i < rows.length; i++) {
                Row r = help.createRow(i);
                r.createCell(0).setCellValue(rows[i][0]);
                r.createCell(1).setCellValue(rows[i][1]);
                if (i == 0) {
                    r.getCell(0).setCellStyle(bold);
                    r.getCell(1).setCellStyle(bold);
                }
            }
            help.setColumnWidth(0, 16 * 256);
            help.setColumnWidth(1, 90 * 256);
            wb.write(out);
            return ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                            .filename("户籍导入模板.xlsx", java.nio.charset.StandardCharsets.UTF_8).build().toString())
                    .body(out.toByteArray());
        }
    }
}
