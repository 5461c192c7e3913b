package ma.crafts.register.command.imports.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import ma.crafts.register.command.imports.ImportJob;
import ma.crafts.register.command.imports.ImportJobs;
import ma.crafts.register.command.imports.ImportKind;
import ma.crafts.register.command.imports.ImportStatus;
import ma.crafts.register.command.mongo.MongoErrors;
import ma.crafts.register.eventstore.ScansAccepted;
import org.bson.Document;

/** {@code import_jobs}: one document per job, by its id; rewritten whole as the job progresses. */
public class MongoImportJobs implements ImportJobs {
    static final String COLLECTION = "import_jobs";

    private final MongoCollection<Document> jobs;

    public MongoImportJobs(MongoDatabase database) {
        this.jobs = database.getCollection(COLLECTION);
    }

    @Override
    public boolean create(ImportJob job) {
        try {
            jobs.insertOne(toDocument(job));
            return true;
        } catch (MongoWriteException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void save(ImportJob job) {
        jobs.replaceOne(eq("_id", job.id()), toDocument(job), new ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<ImportJob> find(String id) {
        return Optional.ofNullable(jobs.find(eq("_id", id)).first()).map(MongoImportJobs::fromDocument);
    }

    @ScansAccepted(adr = "0001", why = "once at a process's start, to resume the jobs a stopped process left (a "
            + "register's, or the command line's direct import, which looks for its own); one document per import "
            + "ever started, a few hundred over the register's life")
    @Override
    public List<ImportJob> unfinished() {
        List<ImportJob> unfinished = new ArrayList<>();
        jobs.find(in("status", ImportStatus.QUEUED.name(), ImportStatus.RUNNING.name()))
                .forEach(document -> unfinished.add(fromDocument(document)));
        return unfinished;
    }

    private static Document toDocument(ImportJob job) {
        return new Document("_id", job.id())
                .append("kind", job.kind().name())
                .append("regionCode", job.regionCode())
                .append("dryRun", job.dryRun())
                .append("fileName", job.fileName())
                .append("format", job.format())
                .append("encoding", job.encoding())
                .append("status", job.status().name())
                .append("failure", job.failure())
                .append("rowsRead", job.rowsRead())
                .append("accepted", job.accepted())
                .append("rejected", job.rejected())
                .append("alreadyPresent", job.alreadyPresent())
                .append("bytesRead", job.bytesRead())
                .append("bytesTotal", job.bytesTotal())
                .append("startedAt", date(job.startedAt()))
                .append("finishedAt", date(job.finishedAt()))
                .append("submittedBy", job.submittedBy())
                .append("requestKey", job.requestKey())
                .append("fileSha256", job.fileSha256())
                .append("lastCommittedRow", job.lastCommittedRow())
                .append("errorsLength", job.errorsLength());
    }

    private static ImportJob fromDocument(Document d) {
        return new ImportJob(d.getString("_id"), ImportKind.valueOf(d.getString("kind")), d.getString("regionCode"),
                d.getBoolean("dryRun", false), d.getString("fileName"), d.getString("format"), d.getString("encoding"),
                ImportStatus.valueOf(d.getString("status")), d.getString("failure"), number(d, "rowsRead"),
                number(d, "accepted"), number(d, "rejected"), number(d, "alreadyPresent"), number(d, "bytesRead"),
                number(d, "bytesTotal"), instant(d.getDate("startedAt")), instant(d.getDate("finishedAt")),
                d.getString("submittedBy"), d.getString("requestKey"), d.getString("fileSha256"),
                number(d, "lastCommittedRow"), number(d, "errorsLength"));
    }

    private static long number(Document d, String field) {
        Number n = d.get(field, Number.class);
        return n == null ? 0 : n.longValue();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
