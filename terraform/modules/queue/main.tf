locals {
  name     = "${var.queue_prefix}-${var.stage}"
  dlq_name = "${var.queue_prefix}-${var.stage}-dlq"

  # Lambda's guidance for SQS event sources: at least six times the function's timeout, so a message is not
  # delivered again while a throttled or retried invocation still holds it.
  visibility_timeout_seconds = var.consumer_timeout_seconds * var.visibility_timeout_multiplier

  # The dead-letter queue has its own consumer (the deadletter function) or none.
  dlq_visibility_timeout_seconds = (
    var.dlq_consumer_timeout_seconds == null
    ? 30
    : var.dlq_consumer_timeout_seconds * var.visibility_timeout_multiplier
  )
}

resource "aws_sqs_queue" "dlq" {
  name                       = local.dlq_name
  message_retention_seconds  = var.dlq_message_retention_seconds
  visibility_timeout_seconds = local.dlq_visibility_timeout_seconds
  sqs_managed_sse_enabled    = true

  tags = var.tags
}

resource "aws_sqs_queue" "this" {
  name                       = local.name
  visibility_timeout_seconds = local.visibility_timeout_seconds
  message_retention_seconds  = var.message_retention_seconds
  receive_wait_time_seconds  = var.receive_wait_time_seconds
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq.arn
    maxReceiveCount     = var.max_receive_count
  })

  tags = var.tags
}

# Only this stage's queue may send its failures to this dead-letter queue.
resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  queue_url = aws_sqs_queue.dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this.arn]
  })
}
