package dev.ponder.api.config;

import dev.ponder.core.driver.ChunkResult;
import dev.ponder.core.model.Sample;
import dev.ponder.core.model.Usage;
import dev.ponder.core.search.CompletionStatus;
import dev.ponder.core.search.Problem;
import dev.ponder.core.search.Reduction;
import dev.ponder.core.search.SearchConfig;
import dev.ponder.core.strategy.WinningPath;
import dev.ponder.engine.batch.BatchLine;
import dev.ponder.engine.queue.Stage;
import dev.ponder.engine.queue.StageMessage;
import dev.ponder.engine.request.FieldError;
import dev.ponder.http.view.Accepted;
import dev.ponder.http.view.BatchPage;
import dev.ponder.http.view.BatchView;
import dev.ponder.http.view.BillView;
import dev.ponder.http.view.ChatCompletion;
import dev.ponder.http.view.ChatPonder;
import dev.ponder.http.view.Estimate;
import dev.ponder.http.view.ModelList;
import dev.ponder.http.view.RequestView;
import dev.ponder.http.view.SearchPage;
import dev.ponder.http.view.SearchSummary;
import dev.ponder.http.view.SearchView;
import dev.ponder.http.view.TrajectoryView;
import dev.ponder.http.view.UsageReport;
import dev.ponder.http.view.UsageView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What Jackson reads and writes by reflection in the API's native image: the views of {@code ponder-http} (Quarkus REST
 * registers the return type of a resource method, but not what goes out in a {@code Response}, a stream of chat chunks
 * or a problem written by an exception mapper), problem details, and what the engine keeps as JSON (stage messages, a
 * search's problem and configuration, chunk results, batch lines), with every record and enum they hold. Request
 * bodies need nothing: they are read as JSON trees and checked field by field. {@code NativeReflectionTest} checks the
 * list is exactly the classes Jackson reaches from those types.
 */
@RegisterForReflection(targets = {
        // views and problem details
        Accepted.class, BatchPage.class, BatchView.class, BatchView.BatchError.class, BatchView.RequestCounts.class,
        BillView.class, BillView.Line.class, ChatCompletion.class, ChatCompletion.Choice.class,
        ChatCompletion.Chunk.class, ChatCompletion.ChunkChoice.class, ChatCompletion.Delta.class,
        ChatCompletion.Message.class, ChatCompletion.Usage.class, ChatPonder.class, Estimate.class, ModelList.class,
        ModelList.Model.class, RequestView.class, SearchPage.class, SearchSummary.class, SearchView.class,
        TrajectoryView.class, WinningPath.Step.class, UsageReport.class, UsageView.class, UsageView.Endpoint.class,
        dev.ponder.http.problem.Problem.class, FieldError.class,
        // what the engine stores as JSON
        StageMessage.class, Stage.class, Problem.class, SearchConfig.class, Reduction.class,
        ChunkResult.Samples.class, ChunkResult.Scores.class, Sample.class, CompletionStatus.class, Usage.class,
        BatchLine.class})
final class NativeReflection {

    private NativeReflection() {
    }
}
