import { InvalidField } from '../http/ledger-errors';
import { CommandValidationPipe } from '../http/command-validation';
import { CommandDeclaration } from './command-declaration';
import { assertPlainTexts } from './dto/plain-text';
import { isLedgerId } from './dto/validators';

// One pipe for every command: it holds no state between calls, and building one per command showed in profiles.
const validation = new CommandValidationPipe();

/**
 * The one validation of a command's data, whichever way it arrives (HTTP, import line, seed, or a
 * corrected fact): the route's ids must be ledger ids, the rest must satisfy the declaration's DTO, and
 * every text in it must say something and show as written (`assertPlainTexts`).
 */
export async function validatedCommandData(
  declaration: CommandDeclaration,
  data: Record<string, unknown>,
  pathIds: readonly string[],
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = { ...data };
  const ids: Record<string, string> = {};
  for (const field of pathIds) {
    const value = body[field];
    if (!isLedgerId(value)) {
      throw new InvalidField(field, `${field} must be a lower-case identifier (letters, digits, hyphens)`);
    }
    ids[field] = value;
    delete body[field];
  }
  const dto = (await validation.transform(body, { type: 'body', metatype: declaration.dto })) as object;
  assertPlainTexts(dto);
  return { ...dto, ...ids };
}
