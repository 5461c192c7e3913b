package ma.crafts.register.command.imports;

import org.springframework.web.util.HtmlUtils;

/** The one-page, printable summary of a job, in French and Arabic. */
final class ImportReport {
    private ImportReport() {
    }

    static String html(ImportJobStatus job) {
        StringBuilder page = new StringBuilder(2048);
        page.append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Import ")
                .append(escape(job.id())).append("</title><style>body{font-family:sans-serif;max-width:42em;margin:2em auto}"
                        + "table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .6em;"
                        + "text-align:start}th{background:#eee}@media print{a{color:inherit}}</style></head><body>")
                .append("<h1>Rapport d'import <span lang=\"ar\" dir=\"rtl\">/ تقرير الاستيراد</span></h1><table>");
        row(page, "Fichier", "الملف", job.fileName() + " (" + job.format()
                + (job.encoding() == null ? "" : ", " + job.encoding()) + ")");
        row(page, "Nature", "النوع", job.kind() + (job.dryRun() ? " — essai à blanc / تجربة دون تسجيل" : ""));
        row(page, "Région", "الجهة", job.regionCode() == null ? "—" : job.regionCode());
        row(page, "État", "الحالة", job.status().name() + (job.failure() == null ? "" : ": " + job.failure()));
        row(page, "Lignes lues", "الأسطر المقروءة", Long.toString(job.rowsRead()));
        row(page, "Acceptées", "المقبولة", Long.toString(job.accepted()));
        row(page, "Déjà présentes", "الموجودة مسبقا", Long.toString(job.alreadyPresent()));
        row(page, "Rejetées", "المرفوضة", Long.toString(job.rejected()));
        row(page, "Lignes par seconde", "أسطر في الثانية", Double.toString(job.rowsPerSecond()));
        row(page, "Début", "البداية", String.valueOf(job.startedAt()));
        row(page, "Fin", "النهاية", job.finishedAt() == null ? "—" : job.finishedAt().toString());
        page.append("</table><p><a href=\"").append(escape(job.links().errors()))
                .append("\">Lignes rejetées (CSV) / الأسطر المرفوضة</a></p></body></html>");
        return page.toString();
    }

    private static void row(StringBuilder page, String french, String arabic, String value) {
        page.append("<tr><th>").append(french).append(" <span lang=\"ar\" dir=\"rtl\">").append(arabic)
                .append("</span></th><td>").append(escape(value)).append("</td></tr>");
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
