# The whole stack under a mock provider, offline. The provider checks that some ARNs look like ARNs, so the mocks
# return ARN-shaped values for those; queue ARNs stay random and distinct, which is what lets the tests below tell
# one function's queues from another's.
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/ponder-function" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:ponder-function"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:ponder-function/invocations"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:rule/ponder-sweep" }
  }
  mock_resource "aws_apigatewayv2_api" {
    defaults = {
      id            = "abc123"
      execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:abc123"
      api_endpoint  = "https://abc123.execute-api.eu-west-1.amazonaws.com"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::ponder-batches-123456789012-eu-west-1" }
  }
  # The invoke config's destination must look like an ARN; the other queues' ARNs stay random.
  override_resource {
    target = aws_sqs_queue.trigger_failures
    values = { arn = "arn:aws:sqs:eu-west-1:123456789012:ponder-trigger-failures" }
  }
  override_resource {
    target = module.api.aws_cloudwatch_log_group.access
    values = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/ponder" }
  }
}

variables {
  policy_url     = "https://policy.example.com"
  prm_url        = "https://prm.example.com"
  functions_zip  = "../../tests/fixtures/function.zip"
  api_zip        = "../../tests/fixtures/function.zip"
  trigger_tenant = "acme"
}


run "no_wildcard_permissions" {
  assert {
    condition = alltrue(flatten([
      for f, p in output.function_policies : [
        for s in jsondecode(p).Statement :
        s.Effect == "Allow" && alltrue([for a in s.Action : a != "*" && !endswith(a, ":*")]) && !contains(s.Resource, "*")
      ]
    ]))
    error_message = "no statement may allow a wildcard action (* or service:*) or the resource *"
  }
  assert {
    condition = alltrue(flatten([
      for f, p in output.function_policies : [
        for s in jsondecode(p).Statement : [for a in s.Action : !contains(["dynamodb:DescribeTable", "dynamodb:CreateTable", "dynamodb:ListTables", "dynamodb:Scan"], a)]
      ]
    ]))
    error_message = "no function may describe, create, list or scan tables"
  }
}

run "every_stage_queue_has_a_dead_letter_queue" {
  assert {
    condition = {
      for s, q in output.queues : s => [q.name, q.dlq_name]
      } == {
      orchestrate = ["ponder-orchestrate", "ponder-orchestrate-dlq"]
      sample      = ["ponder-sample", "ponder-sample-dlq"]
      score       = ["ponder-score", "ponder-score-dlq"]
      select      = ["ponder-select", "ponder-select-dlq"]
      batch       = ["ponder-batch", "ponder-batch-dlq"]
    }
    error_message = "queues must be <prefix>-<stage> with DLQs <prefix>-<stage>-dlq, for the five stages"
  }
  assert {
    condition     = alltrue([for s, q in output.queues : q.max_receive_count >= 5])
    error_message = "every stage queue must redrive to its DLQ after at least 5 receives"
  }
}

run "visibility_timeouts_cover_six_consumer_timeouts" {
  assert {
    condition     = alltrue([for s, q in output.queues : q.visibility_timeout_seconds >= 6 * output.functions[s].timeout])
    error_message = "each stage queue's visibility timeout must be at least 6 x its consumer's timeout"
  }
  assert {
    condition     = alltrue([for s, q in output.queues : q.dlq_visibility_timeout_seconds >= 6 * output.functions["deadletter"].timeout])
    error_message = "each DLQ's visibility timeout must be at least 6 x the deadletter function's timeout"
  }
  assert {
    condition = alltrue([
      for s, q in output.queues : tonumber(trimsuffix(output.functions[s].environment["PONDER_PIPELINE_LEASE"], "s")) < q.visibility_timeout_seconds
    ])
    error_message = "PONDER_PIPELINE_LEASE must be shorter than the stage queue's visibility timeout"
  }
}

run "table_is_encrypted_recoverable_and_expiring" {
  assert {
    condition     = output.table.server_side_encryption.enabled && output.table.point_in_time_recovery_enabled
    error_message = "the table must have SSE and point-in-time recovery on"
  }
  assert {
    condition     = output.table.ttl.enabled && output.table.ttl.attribute_name == "ttl"
    error_message = "the table must expire items by the ttl attribute"
  }
}

run "bucket_is_encrypted_private_and_notifies_for_inputs_only" {
  assert {
    condition     = output.bucket.sse_algorithm == "AES256" && output.bucket.versioning_status == "Enabled"
    error_message = "the bucket must be encrypted and versioned"
  }
  assert {
    condition     = alltrue(values(output.bucket.public_access_block))
    error_message = "all four public access blocks must be on"
  }
  assert {
    condition     = output.bucket_notification.filter_prefix == output.input_prefix && output.bucket_notification.filter_suffix == ".jsonl" && output.bucket_notification.events == toset(["s3:ObjectCreated:*"])
    error_message = "the notification must fire for new .jsonl files under the input prefix only"
  }
  assert {
    condition     = output.output_prefix != output.input_prefix && !startswith(output.output_prefix, output.input_prefix) && !startswith(output.input_prefix, output.output_prefix)
    error_message = "results must be written outside the input prefix"
  }
  assert {
    condition     = output.bucket_notification.function_arn == output.functions["trigger"].arn
    error_message = "the notification must invoke the trigger function"
  }
}

run "each_role_references_only_its_own_queues" {
  variables {
    # What each function consumes and sends to (DESIGN.md, the brief of issue 8): the test's own copy, so a
    # change to the wiring has to change this too.
    expected = {
      orchestrate = { consumes = ["orchestrate"], dead = [], sends = ["sample", "score", "select", "batch"] }
      sample      = { consumes = ["sample"], dead = [], sends = ["select"] }
      score       = { consumes = ["score"], dead = [], sends = ["select"] }
      select      = { consumes = ["select"], dead = [], sends = ["orchestrate", "sample", "score"] }
      batch       = { consumes = ["batch"], dead = [], sends = ["orchestrate", "batch"] }
      deadletter  = { consumes = [], dead = ["orchestrate", "sample", "score", "select", "batch"], sends = ["orchestrate", "sample", "score", "select", "batch"] }
      sweep       = { consumes = [], dead = [], sends = ["orchestrate", "batch"] }
      trigger     = { consumes = [], dead = [], sends = ["batch", "orchestrate"] }
      api         = { consumes = [], dead = [], sends = ["orchestrate", "batch"] }
    }
  }
  assert {
    # Guards the assertions below: were the mocked ARNs alike, every set comparison would pass.
    condition     = length(toset(flatten([for q in values(output.queues) : [q.arn, q.dlq_arn]]))) == 10
    error_message = "the mocked queue ARNs must be distinct for this test to mean anything"
  }
  assert {
    condition = alltrue([
      for f, e in var.expected :
      toset(flatten([for s in jsondecode(output.function_policies[f]).Statement : s.Resource if s.Sid == "ConsumeQueues"])) ==
      toset(concat([for q in e.consumes : output.queues[q].arn], [for q in e.dead : output.queues[q].dlq_arn]))
    ])
    error_message = "each function may consume only its own queue (deadletter: only the DLQs)"
  }
  assert {
    condition = alltrue([
      for f, e in var.expected :
      toset(flatten([for s in jsondecode(output.function_policies[f]).Statement : s.Resource if s.Sid == "SendToQueues"])) ==
      toset([for q in e.sends : output.queues[q].arn])
    ])
    error_message = "each function may send only to the stage queues it feeds"
  }
  assert {
    condition = alltrue(flatten([
      for f, p in output.function_policies : [
        for s in jsondecode(p).Statement : [
          for a in s.Action : a == "sqs:GetQueueUrl" if startswith(a, "sqs:") && s.Sid != "ConsumeQueues" && s.Sid != "SendToQueues"
        ]
      ]
    ]))
    error_message = "beyond consuming and sending, a role's only SQS action is sqs:GetQueueUrl"
  }
  assert {
    condition = alltrue([
      for f, p in output.function_policies :
      toset(flatten([for s in jsondecode(p).Statement : s.Resource if s.Sid == "ResolveQueueUrls"])) ==
      toset(flatten([for q in values(output.queues) : [q.arn, q.dlq_arn]]))
    ])
    error_message = "sqs:GetQueueUrl must cover exactly the pipeline's ten queues (the code resolves all of them at start)"
  }
  assert {
    condition = alltrue([
      for f, p in output.function_policies :
      alltrue([for s in jsondecode(p).Statement : !anytrue([for r in s.Resource : strcontains(r, ":sqs:")]) if !contains(["ConsumeQueues", "SendToQueues", "ResolveQueueUrls"], s.Sid)])
    ])
    error_message = "no other statement may name a queue"
  }
}

run "only_the_model_stages_read_the_models_secret" {
  assert {
    condition = toset([
      for f, p in output.function_policies : f if anytrue([for s in jsondecode(p).Statement : contains(s.Action, "secretsmanager:GetSecretValue")])
    ]) == toset(["sample", "score"])
    error_message = "only sample and score may read the models secret"
  }
  assert {
    condition = alltrue([
      for f in ["sample", "score"] :
      flatten([for s in jsondecode(output.function_policies[f]).Statement : s.Resource if s.Sid == "ReadSecrets"]) == [output.models_secret_arn]
    ])
    error_message = "sample and score may read the models secret and nothing else"
  }
  assert {
    condition     = alltrue([for f, fn in output.functions : fn.environment["PONDER_PIPELINE_MODELS_SECRET"] == output.models_secret_arn])
    error_message = "every function gets the secret's ARN, never its value"
  }
}

run "bucket_access_by_prefix" {
  assert {
    condition = {
      for f, p in output.function_policies : f => {
        read  = flatten([for s in jsondecode(p).Statement : s.Resource if s.Sid == "ReadObjects"])
        write = flatten([for s in jsondecode(p).Statement : s.Resource if s.Sid == "WriteObjects"])
      } if anytrue([for s in jsondecode(p).Statement : startswith(s.Sid, "ReadObjects") || startswith(s.Sid, "WriteObjects")])
      } == {
      trigger = { read = ["${output.bucket_arn}/incoming/*"], write = ["${output.bucket_arn}/results/*"] }
      batch   = { read = [], write = ["${output.bucket_arn}/results/*"] }
      api     = { read = ["${output.bucket_arn}/incoming/*"], write = [] }
    }
    error_message = "trigger reads inputs and writes results, batch writes results, the API reads inputs; nobody else touches the bucket"
  }
  assert {
    condition = alltrue(flatten([
      for f, p in output.function_policies : [
        for s in jsondecode(p).Statement : [for a in s.Action : contains(["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"], a) if startswith(a, "s3:")]
      ]
    ]))
    error_message = "the only S3 actions are GetObject, GetObjectVersion and PutObject"
  }
}

run "table_access_is_the_code_s_actions_only" {
  assert {
    condition = alltrue([
      for f, p in output.function_policies :
      [for s in jsondecode(p).Statement : s if s.Sid == "UseTable"] == [{
        Sid      = "UseTable"
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"]
        Resource = [output.table_arn]
      }]
    ])
    error_message = "every function gets exactly the item actions the code uses, on the table"
  }
  assert {
    condition = alltrue([
      for f, p in output.function_policies :
      [for s in jsondecode(p).Statement : s if s.Sid == "QueryTableIndexes"] == [{
        Sid      = "QueryTableIndexes"
        Effect   = "Allow"
        Action   = ["dynamodb:Query"]
        Resource = ["${output.table_arn}/index/*"]
      }]
    ])
    error_message = "every function may Query the table's indexes and do nothing else on them"
  }
}

run "logs_only_to_their_own_log_group" {
  assert {
    condition = alltrue([
      for f, p in output.function_policies :
      [for s in jsondecode(p).Statement : s.Resource if s.Sid == "WriteOwnLogs"] == [["${output.functions[f].log_group_arn}:*"]]
    ])
    error_message = "each function may write only to its own log group"
  }
  assert {
    condition     = alltrue([for f, fn in output.functions : fn.log_group_name == "/aws/lambda/${fn.name}"])
    error_message = "each function has its own log group"
  }
}

run "functions_event_sources_and_environment" {
  assert {
    condition     = output.function_names == { for f in ["orchestrate", "sample", "score", "select", "batch", "deadletter", "sweep", "trigger", "api"] : f => "ponder-${f}" }
    error_message = "there must be one function per handler, named ponder-<function>"
  }
  assert {
    condition = {
      for f, fn in output.functions : f => {
        for k, m in fn.event_source_mappings : k => [m.event_source_arn, m.batch_size, m.maximum_concurrency]
      }
      } == {
      orchestrate = { orchestrate = [output.queues.orchestrate.arn, 10, null] }
      sample      = { sample = [output.queues.sample.arn, 1, 16] }
      score       = { score = [output.queues.score.arn, 1, 16] }
      select      = { select = [output.queues.select.arn, 10, null] }
      batch       = { batch = [output.queues.batch.arn, 10, null] }
      deadletter  = { for s, q in output.queues : "${s}-dlq" => [q.dlq_arn, 10, null] }
      sweep       = {}
      trigger     = {}
      api         = {}
    }
    error_message = "each stage consumes its queue (sample and score one at a time, 16 at once), deadletter all DLQs"
  }
  assert {
    condition = alltrue(flatten([
      for f, fn in output.functions : [for k, m in fn.event_source_mappings : m.function_response_types == toset(["ReportBatchItemFailures"])]
    ]))
    error_message = "every SQS event source must report partial batch failures"
  }
  assert {
    condition = alltrue([
      for f, fn in output.functions :
      fn.environment["PONDER_PIPELINE_TABLE"] == "ponder" && fn.environment["PONDER_PIPELINE_QUEUE_PREFIX"] == "ponder"
      && fn.environment["PONDER_POLICY_URL"] == "https://policy.example.com" && fn.environment["PONDER_PRM_URL"] == "https://prm.example.com"
      && fn.environment["PONDER_TRIGGER_BUCKET"] == output.bucket_name && fn.environment["PONDER_TRIGGER_INPUT_PREFIX"] == "incoming/"
      && fn.environment["PONDER_TRIGGER_OUTPUT_PREFIX"] == "results/" && fn.environment["PONDER_TRIGGER_TENANT"] == "acme"
      && fn.environment["PONDER_PIPELINE_LEASE"] == "${fn.timeout}s"
    ])
    error_message = "every function and the API must get the table, queue prefix, lease, model URLs, secret ARN and trigger settings"
  }
  assert {
    condition = alltrue([
      for f, fn in output.functions : f == "api" ? !contains(keys(fn.environment), "QUARKUS_FUNQY_EXPORT") : fn.environment["QUARKUS_FUNQY_EXPORT"] == f
    ])
    error_message = "each function must export itself with QUARKUS_FUNQY_EXPORT; the API has none"
  }
  assert {
    condition     = output.functions.sweep.schedule_rule_arn != null && alltrue([for f, fn in output.functions : fn.schedule_rule_arn == null if f != "sweep"])
    error_message = "only the sweeper runs on a schedule"
  }
  assert {
    condition     = alltrue([for f, fn in output.functions : fn.runtime == "java21"])
    error_message = "JVM builds run on java21 by default"
  }
  assert {
    condition     = { for f, fn in output.functions : f => fn.timeout } == { orchestrate = 60, sample = 300, score = 300, select = 60, batch = 120, deadletter = 60, sweep = 300, trigger = 300, api = 29 }
    error_message = "timeouts must have their defaults"
  }
}

run "alarms" {
  assert {
    condition = (
      length(output.alarm_names.dlq) == 6 && length(output.alarm_names.errors) == 9 && length(output.alarm_names.throttles) == 9
      && length(output.alarm_names.api_5xx) == 1 && length(output.alarm_names.searches_failed) == 1
    )
    error_message = "alarms: one per DLQ (and the trigger's failures), errors and throttles per function, API 5xx, searches failed"
  }
}

run "the_triggers_failed_events_are_kept_not_dropped" {
  assert {
    condition     = output.trigger_failures_queue.on_failure == output.trigger_failures_queue.arn
    error_message = "an S3 event the trigger fails on after its retries must go to the failures queue"
  }
  assert {
    condition     = output.trigger_failures_queue.max_retries == 2
    error_message = "Lambda retries a failed S3 event twice before the destination"
  }
  assert {
    condition = jsondecode(output.trigger_failures_queue.role_policy).Statement == [{
      Sid = "SendFailedEvents", Effect = "Allow", Action = ["sqs:SendMessage"], Resource = [output.trigger_failures_queue.arn]
    }]
    error_message = "the trigger's role may send to its failures queue, and nothing more through that policy"
  }
}

run "native_and_overrides" {
  variables {
    native                   = true
    architecture             = "arm64"
    model_max_concurrency    = 4
    max_receive_count        = 8
    function_timeout_seconds = { sample = 600 }
    kms_key_arn              = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    create_models_secret     = false
    models_secret_arn        = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:models-AbCdEf"
    create_alarms            = false
  }
  assert {
    condition     = alltrue([for f, fn in output.functions : fn.runtime == "provided.al2023"])
    error_message = "native builds run on provided.al2023"
  }
  assert {
    condition     = output.functions.sample.event_source_mappings.sample.maximum_concurrency == 4 && output.functions.score.event_source_mappings.score.maximum_concurrency == 4
    error_message = "model_max_concurrency must cap sample and score"
  }
  assert {
    condition     = output.queues.sample.visibility_timeout_seconds == 3600 && output.functions.sample.environment["PONDER_PIPELINE_LEASE"] == "600s"
    error_message = "a longer sample timeout must lengthen its queue's visibility timeout and its lease"
  }
  assert {
    condition     = alltrue([for s, q in output.queues : q.max_receive_count == 8])
    error_message = "max_receive_count must reach every queue"
  }
  assert {
    condition     = output.bucket.sse_algorithm == "aws:kms" && output.table.server_side_encryption.kms_key_arn == var.kms_key_arn
    error_message = "the customer key must encrypt the bucket and the table"
  }
  assert {
    condition = alltrue([
      for f, p in output.function_policies : anytrue([for s in jsondecode(p).Statement : s.Sid == "UseKeys" && s.Resource == [var.kms_key_arn]])
    ])
    error_message = "every function may use the customer key"
  }
  assert {
    condition     = output.models_secret_arn == var.models_secret_arn && flatten([for s in jsondecode(output.function_policies.sample).Statement : s.Resource if s.Sid == "ReadSecrets"]) == [var.models_secret_arn]
    error_message = "an existing secret must be used as given"
  }
  assert {
    condition     = output.alarm_names == {}
    error_message = "no alarms when create_alarms is false"
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

run "rejects_an_output_prefix_inside_the_input_prefix" {
  command = plan
  variables {
    input_prefix  = "batches/"
    output_prefix = "batches/results/"
  }
  expect_failures = [var.output_prefix]
}

run "rejects_a_visibility_multiplier_under_6" {
  command = plan
  variables {
    visibility_timeout_multiplier = 5
  }
  expect_failures = [var.visibility_timeout_multiplier]
}

run "rejects_an_api_timeout_of_30_s" {
  command = plan
  variables {
    function_timeout_seconds = { api = 30 }
  }
  expect_failures = [var.function_timeout_seconds]
}

run "rejects_managed_environment_overrides" {
  command = plan
  variables {
    environment = { PONDER_PIPELINE_TABLE = "other" }
  }
  expect_failures = [var.environment]
}

# A first plan, before anything exists, sees the ARNs as unknown: no count or for_each may depend on them.
run "plans_before_anything_exists" {
  command = plan
}
