mock_provider "aws" {}

variables {
  queue_prefix             = "ponder"
  stage                    = "sample"
  consumer_timeout_seconds = 300
}

run "names_dead_letters_and_timeouts" {
  variables {
    dlq_consumer_timeout_seconds = 60
  }
  assert {
    condition     = aws_sqs_queue.this.name == "ponder-sample" && aws_sqs_queue.dlq.name == "ponder-sample-dlq"
    error_message = "queues must be named <prefix>-<stage> and <prefix>-<stage>-dlq"
  }
  assert {
    condition     = jsondecode(aws_sqs_queue.this.redrive_policy).deadLetterTargetArn == aws_sqs_queue.dlq.arn
    error_message = "the stage queue must dead-letter into its own DLQ"
  }
  assert {
    condition     = jsondecode(aws_sqs_queue.this.redrive_policy).maxReceiveCount >= 5
    error_message = "maxReceiveCount must be at least 5"
  }
  assert {
    condition     = aws_sqs_queue.this.visibility_timeout_seconds >= 6 * var.consumer_timeout_seconds
    error_message = "visibility timeout must be at least 6 x the consumer's timeout"
  }
  assert {
    condition     = aws_sqs_queue.this.visibility_timeout_seconds == 1800
    error_message = "visibility timeout must be 6 x 300 s by default"
  }
  assert {
    condition     = aws_sqs_queue.dlq.visibility_timeout_seconds >= 6 * 60
    error_message = "the DLQ's visibility timeout must be at least 6 x its consumer's timeout"
  }
  assert {
    condition     = aws_sqs_queue.this.sqs_managed_sse_enabled && aws_sqs_queue.dlq.sqs_managed_sse_enabled
    error_message = "both queues must use SQS-managed server-side encryption"
  }
  assert {
    condition     = aws_sqs_queue.dlq.message_retention_seconds == 1209600
    error_message = "the DLQ must keep messages 14 days"
  }
  assert {
    condition = jsondecode(aws_sqs_queue_redrive_allow_policy.dlq.redrive_allow_policy) == {
      redrivePermission = "byQueue"
      sourceQueueArns   = [aws_sqs_queue.this.arn]
    }
    error_message = "only the stage queue may use the DLQ"
  }
}

run "multiplier_and_receive_count" {
  variables {
    visibility_timeout_multiplier = 8
    max_receive_count             = 10
  }
  assert {
    condition     = aws_sqs_queue.this.visibility_timeout_seconds == 2400
    error_message = "visibility timeout must be consumer timeout x multiplier"
  }
  assert {
    condition     = output.max_receive_count == 10
    error_message = "maxReceiveCount must follow the variable"
  }
}

run "rejects_max_receive_count_3" {
  command = plan
  variables {
    max_receive_count = 3
  }
  expect_failures = [var.max_receive_count]
}

run "rejects_multiplier_5" {
  command = plan
  variables {
    visibility_timeout_multiplier = 5
  }
  expect_failures = [var.visibility_timeout_multiplier]
}

run "rejects_an_unknown_stage" {
  command = plan
  variables {
    stage = "deadletter"
  }
  expect_failures = [var.stage]
}

run "rejects_a_dlq_that_forgets_before_the_queue" {
  command = plan
  variables {
    message_retention_seconds     = 1209600
    dlq_message_retention_seconds = 345600
  }
  expect_failures = [var.dlq_message_retention_seconds]
}
