# The provider checks that ARNs look like ARNs, so the mocks return ARN-shaped values.
mock_provider "aws" {
  mock_resource "aws_iam_role" {
    defaults = { arn = "arn:aws:iam::123456789012:role/ponder-sample" }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/ponder-sample" }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn        = "arn:aws:lambda:eu-west-1:123456789012:function:ponder-sample"
      invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:ponder-sample/invocations"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = { arn = "arn:aws:events:eu-west-1:123456789012:rule/ponder-sweep" }
  }
}

variables {
  function_name = "ponder-sample"
  filename      = "../../tests/fixtures/function.zip"
  handler       = "io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest"
  timeout       = 300
  environment   = { QUARKUS_FUNQY_EXPORT = "sample" }

  consume_queue_arns  = ["arn:aws:sqs:eu-west-1:123456789012:ponder-sample"]
  send_queue_arns     = ["arn:aws:sqs:eu-west-1:123456789012:ponder-select"]
  lookup_queue_arns   = ["arn:aws:sqs:eu-west-1:123456789012:ponder-batch"]
  table_arn           = "arn:aws:dynamodb:eu-west-1:123456789012:table/ponder"
  table_actions       = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"]
  table_index_actions = ["dynamodb:Query"]
  s3_bucket_arn       = "arn:aws:s3:::ponder-batches"
  s3_read_prefixes    = ["incoming/"]
  s3_write_prefixes   = ["results/"]
  secret_arns         = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:ponder/models-AbCdEf"]

  event_source_mappings = {
    sample = {
      event_source_arn    = "arn:aws:sqs:eu-west-1:123456789012:ponder-sample"
      batch_size          = 1
      maximum_concurrency = 16
    }
  }
}

run "jvm_build_on_java21" {
  assert {
    condition     = aws_lambda_function.this.runtime == "java21" && aws_lambda_function.this.handler == var.handler
    error_message = "a JVM build must run on java21 with the given handler"
  }
  assert {
    condition     = aws_lambda_function.this.source_code_hash == filebase64sha256(var.filename)
    error_message = "the code hash must come from the zip"
  }
  assert {
    condition     = aws_lambda_function.this.timeout == 300 && aws_lambda_function.this.memory_size == 512
    error_message = "timeout and memory must follow the variables"
  }
  assert {
    condition     = aws_lambda_function.this.environment[0].variables["QUARKUS_FUNQY_EXPORT"] == "sample"
    error_message = "the environment must be passed through"
  }
  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/aws/lambda/ponder-sample" && aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "the function must own its log group, with a retention"
  }
}

run "native_build_on_provided_al2023" {
  variables {
    native       = true
    handler      = null
    architecture = "arm64"
  }
  assert {
    condition     = aws_lambda_function.this.runtime == "provided.al2023" && aws_lambda_function.this.handler == "bootstrap"
    error_message = "a native build must run on provided.al2023 with handler bootstrap"
  }
  assert {
    condition     = aws_lambda_function.this.architectures[0] == "arm64"
    error_message = "the architecture must follow the variable"
  }
}

run "policy_is_least_privilege" {
  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement :
      alltrue([for a in s.Action : a != "*" && !endswith(a, ":*")]) && !contains(s.Resource, "*")
    ])
    error_message = "no statement may use a wildcard action or the resource *"
  }
  assert {
    condition = {
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Sid => s.Resource
      } == {
      WriteOwnLogs      = ["${aws_cloudwatch_log_group.this.arn}:*"]
      ConsumeQueues     = ["arn:aws:sqs:eu-west-1:123456789012:ponder-sample"]
      SendToQueues      = ["arn:aws:sqs:eu-west-1:123456789012:ponder-select"]
      ResolveQueueUrls  = ["arn:aws:sqs:eu-west-1:123456789012:ponder-sample", "arn:aws:sqs:eu-west-1:123456789012:ponder-select", "arn:aws:sqs:eu-west-1:123456789012:ponder-batch"]
      UseTable          = ["arn:aws:dynamodb:eu-west-1:123456789012:table/ponder"]
      QueryTableIndexes = ["arn:aws:dynamodb:eu-west-1:123456789012:table/ponder/index/*"]
      ReadObjects       = ["arn:aws:s3:::ponder-batches/incoming/*"]
      WriteObjects      = ["arn:aws:s3:::ponder-batches/results/*"]
      ReadSecrets       = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:ponder/models-AbCdEf"]
    }
    error_message = "each statement must name exactly the resources it was given"
  }
  assert {
    condition = {
      for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Sid => s.Action
      }["ConsumeQueues"] == [
      "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes",
    ]
    error_message = "a consumer gets exactly receive, delete, change visibility and get attributes"
  }
  assert {
    condition     = jsondecode(aws_iam_role.this.assume_role_policy).Statement[0].Principal.Service == "lambda.amazonaws.com"
    error_message = "only Lambda may assume the role"
  }
}

run "no_permissions_without_inputs" {
  variables {
    consume_queue_arns    = []
    send_queue_arns       = []
    lookup_queue_arns     = []
    table_arn             = null
    s3_bucket_arn         = null
    secret_arns           = []
    event_source_mappings = {}
  }
  assert {
    condition     = [for s in jsondecode(aws_iam_role_policy.this.policy).Statement : s.Sid] == ["WriteOwnLogs"]
    error_message = "without inputs the role may only write its own logs"
  }
  assert {
    condition     = length(aws_lambda_event_source_mapping.this) == 0 && length(aws_cloudwatch_event_rule.schedule) == 0
    error_message = "no event sources without inputs"
  }
}

run "sqs_event_source_reports_partial_failures" {
  assert {
    condition     = aws_lambda_event_source_mapping.this["sample"].function_response_types == toset(["ReportBatchItemFailures"])
    error_message = "the mapping must report partial batch failures"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.this["sample"].batch_size == 1
    error_message = "batch size must follow the input"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.this["sample"].scaling_config[0].maximum_concurrency == 16
    error_message = "maximum concurrency must follow the input"
  }
}

run "schedule_with_permission" {
  variables {
    function_name         = "ponder-sweep"
    schedule_expression   = "rate(1 minute)"
    event_source_mappings = {}
  }
  assert {
    condition     = aws_cloudwatch_event_rule.schedule[0].schedule_expression == "rate(1 minute)"
    error_message = "the schedule must follow the variable"
  }
  assert {
    condition     = aws_lambda_permission.schedule[0].principal == "events.amazonaws.com" && aws_lambda_permission.schedule[0].source_arn == aws_cloudwatch_event_rule.schedule[0].arn
    error_message = "only the schedule rule may invoke the function"
  }
}

run "rejects_maximum_concurrency_1" {
  command = plan
  variables {
    event_source_mappings = {
      sample = { event_source_arn = "arn:aws:sqs:eu-west-1:123456789012:ponder-sample", maximum_concurrency = 1 }
    }
  }
  expect_failures = [var.event_source_mappings]
}

run "rejects_batch_size_over_10_without_a_window" {
  command = plan
  variables {
    event_source_mappings = {
      sample = { event_source_arn = "arn:aws:sqs:eu-west-1:123456789012:ponder-sample", batch_size = 50 }
    }
  }
  expect_failures = [var.event_source_mappings]
}

run "rejects_a_jvm_build_without_handler" {
  command = plan
  variables {
    handler = null
  }
  expect_failures = [var.handler]
}

run "rejects_a_wildcard_table_action" {
  command = plan
  variables {
    table_actions = ["dynamodb:*"]
  }
  expect_failures = [var.table_actions]
}

run "rejects_a_prefix_without_slash" {
  command = plan
  variables {
    s3_read_prefixes = ["incoming"]
  }
  expect_failures = [var.s3_read_prefixes]
}
