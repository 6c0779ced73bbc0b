# The dev root offline: the mock provider stands in for AWS (ARN-shaped values where the provider checks them).
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/ponder-dev-function" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:ponder-dev-function"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:ponder-dev-function/invocations"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:rule/ponder-dev-sweep" }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = {
      id            = "abc123"
      execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123"
      api_endpoint  = "https://abc123.execute-api.eu-west-1.amazonaws.com"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::ponder-dev-batches-123456789012-eu-west-1" }
  }
  # The invoke config's destination must look like an ARN; the other queues' ARNs stay random.
  override_resource {
    target = module.ponder.aws_sqs_queue.trigger_failures
    values = { arn = "arn:aws:sqs:eu-west-1:123456789012:ponder-trigger-failures" }
  }
  override_resource {
    target = module.ponder.module.api.aws_cloudwatch_log_group.access
    values = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/ponder-dev" }
  }
}

variables {
  functions_zip  = "../../tests/fixtures/function.zip"
  api_zip        = "../../tests/fixtures/function.zip"
  trigger_tenant = "acme"
}

run "outputs_name_everything" {
  assert {
    condition     = output.api_url == "https://abc123.execute-api.eu-west-1.amazonaws.com"
    error_message = "the API URL must be an output"
  }
  assert {
    condition     = output.bucket_name == "ponder-dev-batches-123456789012-eu-west-1" && output.table_name == "ponder-dev"
    error_message = "bucket and table names must be outputs"
  }
  assert {
    condition     = output.queue_names == { for s in ["orchestrate", "sample", "score", "select", "batch"] : s => "ponder-dev-${s}" }
    error_message = "every stage queue must be an output"
  }
  assert {
    condition     = output.dlq_names == { for s in ["orchestrate", "sample", "score", "select", "batch"] : s => "ponder-dev-${s}-dlq" }
    error_message = "every dead-letter queue must be an output"
  }
  assert {
    condition     = output.function_names == { for f in ["orchestrate", "sample", "score", "select", "batch", "deadletter", "sweep", "trigger", "api"] : f => "ponder-dev-${f}" }
    error_message = "every function must be an output"
  }
}

run "no_wildcard_permissions" {
  assert {
    condition = alltrue(flatten([
      for f, p in module.ponder.function_policies : [
        for s in jsondecode(p).Statement :
        alltrue([for a in s.Action : a != "*" && !endswith(a, ":*")]) && !contains(s.Resource, "*")
      ]
    ]))
    error_message = "no statement may allow a wildcard action or the resource *"
  }
}

run "queues_dead_letter_and_outlast_their_consumers" {
  assert {
    condition     = alltrue([for s, q in module.ponder.queues : q.max_receive_count >= 5 && q.dlq_name == "${q.name}-dlq"])
    error_message = "every stage queue must dead-letter after at least 5 receives"
  }
  assert {
    condition     = alltrue([for s, q in module.ponder.queues : q.visibility_timeout_seconds >= 6 * module.ponder.functions[s].timeout])
    error_message = "each queue's visibility timeout must be at least 6 x its consumer's timeout"
  }
}

run "protection" {
  assert {
    condition     = module.ponder.table.server_side_encryption.enabled && module.ponder.table.point_in_time_recovery_enabled && module.ponder.table.ttl.enabled
    error_message = "the table must have SSE, PITR and TTL on"
  }
  assert {
    condition     = alltrue(values(module.ponder.bucket.public_access_block)) && module.ponder.bucket.sse_algorithm == "AES256"
    error_message = "the bucket must be encrypted with all public access blocked"
  }
  assert {
    condition     = module.ponder.bucket_notification.filter_prefix == "incoming/" && output.output_prefix == "results/"
    error_message = "the notification must be filtered to the input prefix, results elsewhere"
  }
}

run "rejects_a_model_max_concurrency_of_1" {
  command = plan
  variables {
    model_max_concurrency = 1
  }
  expect_failures = [var.model_max_concurrency]
}

run "rejects_a_max_receive_count_of_3" {
  command = plan
  variables {
    max_receive_count = 3
  }
  expect_failures = [var.max_receive_count]
}

run "rejects_overlapping_prefixes" {
  command = plan
  variables {
    input_prefix  = "batches/"
    output_prefix = "batches/out/"
  }
  expect_failures = [var.output_prefix]
}

# A first plan, before anything exists, sees the ARNs as unknown: no count or for_each may depend on them.
run "plans_before_anything_exists" {
  command = plan
}
