mock_provider "aws" {}

variables {
  name_prefix = "ponder"
  dlq_names = {
    orchestrate = "ponder-orchestrate-dlq"
    sample      = "ponder-sample-dlq"
  }
  function_names = {
    orchestrate = "ponder-orchestrate"
    deadletter  = "ponder-deadletter"
  }
  api_ids = { api = "abc123" }
  log_group_names = {
    orchestrate = "/aws/lambda/ponder-orchestrate"
    deadletter  = "/aws/lambda/ponder-deadletter"
  }
  sns_topic_arn = "arn:aws:sns:eu-west-1:123456789012:ponder-alarms"
}

run "one_alarm_per_dead_letter_queue" {
  assert {
    condition = {
      for k, a in aws_cloudwatch_metric_alarm.dlq : k => [a.namespace, a.metric_name, a.dimensions.QueueName, a.comparison_operator, a.threshold]
      } == {
      orchestrate = ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "ponder-orchestrate-dlq", "GreaterThanThreshold", 0]
      sample      = ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "ponder-sample-dlq", "GreaterThanThreshold", 0]
    }
    error_message = "each DLQ must alarm when any message is visible"
  }
}

run "errors_and_throttles_per_function" {
  assert {
    condition     = toset(keys(aws_cloudwatch_metric_alarm.errors)) == toset(["orchestrate", "deadletter"]) && toset(keys(aws_cloudwatch_metric_alarm.throttles)) == toset(["orchestrate", "deadletter"])
    error_message = "each function must have an Errors and a Throttles alarm"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.errors["deadletter"].metric_name == "Errors" && aws_cloudwatch_metric_alarm.errors["deadletter"].dimensions.FunctionName == "ponder-deadletter"
    error_message = "the Errors alarm must watch its function"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.throttles["orchestrate"].metric_name == "Throttles" && aws_cloudwatch_metric_alarm.throttles["orchestrate"].namespace == "AWS/Lambda"
    error_message = "the Throttles alarm must watch Lambda throttles"
  }
}

run "api_5xx" {
  assert {
    condition     = aws_cloudwatch_metric_alarm.api_5xx["api"].metric_name == "5xx" && aws_cloudwatch_metric_alarm.api_5xx["api"].namespace == "AWS/ApiGateway" && aws_cloudwatch_metric_alarm.api_5xx["api"].dimensions == tomap({ ApiId = "abc123" })
    error_message = "the API alarm must watch the HTTP API's 5xx by ApiId"
  }
}

run "searches_failed_per_minute" {
  variables {
    searches_failed_threshold = 3
  }
  assert {
    condition     = alltrue([for f in aws_cloudwatch_log_metric_filter.searches_failed : f.pattern == "\"search=\" \"failed:\""])
    error_message = "the filter must match the engine's `search=<id>: failed:` lines"
  }
  assert {
    condition     = toset([for f in aws_cloudwatch_log_metric_filter.searches_failed : f.log_group_name]) == toset(["/aws/lambda/ponder-orchestrate", "/aws/lambda/ponder-deadletter"])
    error_message = "every function log group must be filtered"
  }
  assert {
    condition = alltrue([
      for f in aws_cloudwatch_log_metric_filter.searches_failed :
      f.metric_transformation[0].namespace == "Ponder" && f.metric_transformation[0].name == "SearchesFailed" && f.metric_transformation[0].value == "1"
    ])
    error_message = "each failed line must count 1 into Ponder/SearchesFailed"
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.searches_failed[0].namespace == "Ponder"
      && aws_cloudwatch_metric_alarm.searches_failed[0].metric_name == "SearchesFailed"
      && aws_cloudwatch_metric_alarm.searches_failed[0].statistic == "Sum"
      && aws_cloudwatch_metric_alarm.searches_failed[0].period == 60
      && aws_cloudwatch_metric_alarm.searches_failed[0].threshold == 3
    )
    error_message = "the alarm must fire on the per-minute sum over the threshold"
  }
}

run "notifies_the_topic" {
  assert {
    condition = alltrue([
      for a in concat(values(aws_cloudwatch_metric_alarm.dlq), values(aws_cloudwatch_metric_alarm.errors), values(aws_cloudwatch_metric_alarm.throttles), values(aws_cloudwatch_metric_alarm.api_5xx), aws_cloudwatch_metric_alarm.searches_failed) :
      a.alarm_actions == toset([var.sns_topic_arn])
    ])
    error_message = "every alarm must notify the topic"
  }
}

run "without_a_topic" {
  variables {
    sns_topic_arn = null
  }
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.searches_failed[0].alarm_actions) == 0
    error_message = "without a topic alarms have no actions"
  }
}
