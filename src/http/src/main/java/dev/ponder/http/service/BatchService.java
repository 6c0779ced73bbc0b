package dev.ponder.http.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ponder.engine.account.Tenant;
import dev.ponder.engine.batch.BatchConfig;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.batch.BatchStatus;
import dev.ponder.engine.model.ModelsConfig;
import dev.ponder.engine.request.BatchFileParser;
import dev.ponder.engine.request.Echo;
import dev.ponder.engine.request.FieldError;
import dev.ponder.engine.request.RequestException;
import dev.ponder.engine.stage.Batches;
import dev.ponder.engine.store.BatchItem;
import dev.ponder.engine.store.BatchStore;
import dev.ponder.http.config.ApiConfig;
import dev.ponder.http.problem.ApiException;
import dev.ponder.http.request.BatchRequestParser.BatchRequest;
import dev.ponder.http.view.BatchPage;
import dev.ponder.http.view.BatchView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** What the batch endpoints do, for the calling tenant only: create, show, cancel, list, results. */
@ApplicationScoped
public class BatchService {

    /**
     * Per instance, not static: a native image initialises classes while it is built, and a static generator would be
     * seeded there (native-image refuses one in the image).
     */
    private final SecureRandom ids = new SecureRandom();

    private final EngineHolder engine;
    private final Caller caller;
    private final BatchConfig config;
    private final BatchFileParser lines;
    private final ObjectMapper json;

    @Inject
    public BatchService(EngineHolder engine, Caller caller, ApiConfig limits, BatchConfig config,
                        ModelsConfig models, ObjectMapper json) {
        this.engine = engine;
        this.caller = caller;
        this.config = config;
        this.lines = BatchFileParser.of(limits, models.models().keySet(), config);
        this.json = json;
    }

    /** @param created false when the Idempotency-Key found the batch an earlier request created */
    public record Created(BatchView batch, boolean created) {
    }

    /**
     * Reads and checks every line, then the tenant's quotas, then stores the batch and starts it. Nothing is stored
     * unless every line is valid. With an Idempotency-Key the batch id is a hash of the tenant and the key, so a
     * retry finds the batch the first request made (the same lines and options: else 422).
     */
    public Created create(BatchRequest request, String idempotencyKey) {
        Tenant tenant = caller.tenant();
        String text = request.input() != null ? request.input() : inbox(tenant.name(), request.inputFile());
        List<BatchLine> parsed = lines.parse(text, request.defaults());
        ApiEngine e = engine.get();
        e.accounts().checkBatch(tenant, parsed);
        String id = idempotencyKey == null ? newId() : Batches.idOf(tenant.name(), idempotencyKey);
        if (idempotencyKey != null) {
            BatchItem earlier = e.batches().get(id).orElse(null);
            if (earlier != null) {
                return new Created(BatchView.of(replay(e, earlier, parsed, request, idempotencyKey)), false);
            }
        }
        String source = request.inputFile() == null ? "api" : "inbox:" + request.inputFile();
        BatchItem b = e.batches().create(new Batches.NewBatch(id, tenant.name(), parsed, request.maxInFlight(),
                request.window(), source));
        return new Created(BatchView.of(b), true);
    }

    /** The caller's batch; another tenant's is as unknown as one that does not exist. */
    public BatchView get(String id) {
        return BatchView.of(own(engine.get(), id));
    }

    /** Cancels the caller's batch: it is CANCELLING (or already CANCELLED); one that ended otherwise is a 409. */
    public BatchView cancel(String id) {
        ApiEngine e = engine.get();
        BatchItem b = own(e, id);
        if (!e.batches().cancel(id) && b.status() != BatchStatus.CANCELLED) {
            throw ApiException.conflict("batch " + id + " has already ended " + own(e, id).status().key()
                    + ": only an unfinished batch can be cancelled");
        }
        return BatchView.of(own(e, id));
    }

    /** A page of the caller's batches, newest first. */
    public BatchPage list(int limit, String cursor) {
        BatchStore.Page page = engine.get().batches().list(caller.tenant().name(), limit, cursor);
        return new BatchPage("list", page.batches().stream().map(BatchView::of).toList(), page.nextCursor() != null,
                page.nextCursor());
    }

    /** Writes the rows of the caller's batch as JSONL, one row a line, in line order: the lines ended so far. */
    public void results(String id, OutputStream out) throws IOException {
        ApiEngine e = engine.get();
        for (Map<String, Object> row : e.batches().results(own(e, id))) {
            out.write(json.writeValueAsBytes(row));
            out.write('\n');
        }
    }

    /** Checks the batch belongs to the caller before anything is read or written. */
    public void checkOwn(String id) {
        own(engine.get(), id);
    }

    private BatchItem own(ApiEngine e, String id) {
        return e.batches().get(id).filter(b -> b.tenant().equals(caller.tenant().name()))
                .orElseThrow(() -> ApiException.notFound("no batch " + Echo.cut(id) + " for this API key"));
    }

    /** An earlier batch under the same key: the same one if the request was the same, else a 422. */
    private static BatchItem replay(ApiEngine e, BatchItem earlier, List<BatchLine> parsed, BatchRequest request,
                                    String key) {
        boolean same = earlier.total() == parsed.size() && earlier.maxInFlight() == request.maxInFlight()
                && earlier.expiresMs() - earlier.createdMs() == request.window().toMillis()
                && e.store().batches().lines(earlier.id(), 0, earlier.total()).equals(parsed);
        if (!same) {
            throw new ApiException(422, "urn:ponder:problem:idempotency-conflict", "The Idempotency-Key was used "
                    + "with another body", "Idempotency-Key " + Echo.cut(key) + " was used for another batch ("
                    + earlier.id() + "): send a new key for a new batch, or the same lines and options to get that "
                    + "batch", null, Map.of());
        }
        return earlier;
    }

    /**
     * The text of an inbox file: {@code <inbox>/<tenant>/<name>}, so a tenant reads only its own folder (in a
     * bucket, the key {@code <prefix><tenant>/<name>}). The name was checked to be plain segments; the resolved path
     * is checked again to stay inside, links included.
     */
    private String inbox(String tenant, String name) {
        Path folder = config.inbox().resolve(tenant).toAbsolutePath().normalize();
        Path file = folder.resolve(name).normalize();
        String missing = "input_file " + Echo.cut(name) + " is not a file in this tenant's batch inbox";
        try {
            if (!file.startsWith(folder) || !Files.isRegularFile(file)
                    || !file.toRealPath().startsWith(folder.toRealPath())) {
                throw invalidFile(name, missing);
            }
            long size = Files.size(file);
            if (size > config.maxBytes()) {
                throw RequestException.tooLarge("input_file " + Echo.cut(name) + " is " + size + " bytes, more than "
                        + "the " + config.maxBytes() + " a batch may hold: split it");
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException bad) {
            throw invalidFile(name, "input_file " + Echo.cut(name) + " is not UTF-8 text");
        } catch (IOException unreadable) {
            throw invalidFile(name, missing);
        }
    }

    private static RequestException invalidFile(String name, String message) {
        return RequestException.invalid(List.of(new FieldError("input_file",
                TextNode.valueOf(Echo.cut(name)), "a file in the batch inbox",
                message)));
    }

    /** A new batch id: {@code batch_} and 16 random hex digits. */
    private String newId() {
        byte[] bytes = new byte[8];
        ids.nextBytes(bytes);
        return "batch_" + HexFormat.of().formatHex(bytes);
    }
}
