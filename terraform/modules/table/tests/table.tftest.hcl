mock_provider "aws" {}

variables {
  name = "ponder-test"
}

run "defaults_encrypt_recover_and_expire" {
  assert {
    condition     = aws_dynamodb_table.this.server_side_encryption[0].enabled
    error_message = "server-side encryption must be on"
  }
  assert {
    condition     = aws_dynamodb_table.this.point_in_time_recovery[0].enabled
    error_message = "point-in-time recovery must be on by default"
  }
  assert {
    condition     = aws_dynamodb_table.this.ttl[0].enabled && aws_dynamodb_table.this.ttl[0].attribute_name == "ttl"
    error_message = "TTL must be on, on the attribute ttl"
  }
  assert {
    condition     = aws_dynamodb_table.this.billing_mode == "PAY_PER_REQUEST"
    error_message = "the table must be on-demand"
  }
  assert {
    condition     = aws_dynamodb_table.this.deletion_protection_enabled
    error_message = "deletion protection must be on by default"
  }
}

run "keys_and_indexes_match_the_engine" {
  assert {
    condition     = aws_dynamodb_table.this.hash_key == "pk" && aws_dynamodb_table.this.range_key == "sk"
    error_message = "keys must be pk (hash) and sk (range)"
  }
  assert {
    condition = {
      for a in aws_dynamodb_table.this.attribute : a.name => a.type
      } == {
      pk = "S", sk = "S", tenant = "S", created = "N", active = "S", deadline = "N"
    }
    error_message = "attribute definitions must be pk S, sk S, tenant S, created N, active S, deadline N"
  }
  assert {
    condition = {
      for i in aws_dynamodb_table.this.global_secondary_index : i.name => [i.hash_key, i.range_key, i.projection_type]
      } == {
      by_tenant = ["tenant", "created", "ALL"]
      by_active = ["active", "deadline", "ALL"]
    }
    error_message = "indexes must be by_tenant (tenant, created) and by_active (active, deadline), projecting ALL"
  }
}

run "customer_key" {
  variables {
    kms_key_arn                 = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    deletion_protection_enabled = false
  }
  assert {
    condition     = aws_dynamodb_table.this.server_side_encryption[0].kms_key_arn == var.kms_key_arn
    error_message = "the customer key must encrypt the table"
  }
  assert {
    condition     = !aws_dynamodb_table.this.deletion_protection_enabled
    error_message = "deletion protection must follow the variable"
  }
}

run "rejects_a_key_that_is_not_an_arn" {
  command = plan
  variables {
    kms_key_arn = "alias/mine"
  }
  expect_failures = [var.kms_key_arn]
}
