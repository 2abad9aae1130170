import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateBy, ValidateIf, ValidateNested, type ValidationOptions } from 'class-validator';

/**
 * An optional body field that may be left out but is never null: null would otherwise skip validation and
 * reach the database (a NOT NULL error, or a silently blanked value). The few fields where null means
 * "remove it" use @IsOptional() and say so in their description.
 */
export function OptionalNotNull(validationOptions: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object: unknown, value: unknown) => value !== undefined),
    ValidateBy(
      {
        name: 'isNotNull',
        validator: {
          validate: (value: unknown) => value !== null,
          defaultMessage: (args) => `${args?.property} must not be null: leave it out to keep it unchanged`,
        },
      },
      validationOptions,
    ),
  );
}

/** A list of nested objects: each element must be an object (not an array, null or a number) and valid as `type`. */
export function ValidateNestedList(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    IsObject({ each: true, message: 'each element of $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}
